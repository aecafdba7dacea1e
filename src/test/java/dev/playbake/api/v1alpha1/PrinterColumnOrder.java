package dev.playbake.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Puts a CRD's printer columns in the order their {@link AdditionalPrinterColumn} annotations are declared on the
 * resource class, which is the order kubectl prints them in: fabric8's generator sorts them by JSONPath.
 */
final class PrinterColumnOrder implements CRDPostProcessor {

    private final List<String> declared;

    PrinterColumnOrder(Class<?> resource) {
        this.declared = Arrays.stream(resource.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
    }

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        for (CustomResourceDefinitionVersion version : ((CustomResourceDefinition) crd).getSpec().getVersions()) {
            // a stable sort: columns declared otherwise (@PrinterColumn on a field) keep their order, after these
            version.getAdditionalPrinterColumns().sort(Comparator.comparingInt(this::position));
        }
        return crd;
    }

    private int position(CustomResourceColumnDefinition column) {
        int index = declared.indexOf(column.getName());
        return index < 0 ? declared.size() : index;
    }
}
