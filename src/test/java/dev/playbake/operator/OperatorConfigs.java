package dev.playbake.operator;

import dev.playbake.operator.runtime.OperatorConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.util.Map;

/** The operator's configuration mapping read from given properties only, as the application reads its own. */
public final class OperatorConfigs {

    private OperatorConfigs() {
    }

    public static OperatorConfig of(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withMapping(OperatorConfig.class)
                .build();
        return config.getConfigMapping(OperatorConfig.class);
    }
}
