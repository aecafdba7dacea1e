package dev.playbake.playbook;

import dev.playbake.template.UnsafeText;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Loads YAML the way Ansible's loader does (YAML 1.1 scalars, so {@code yes}/{@code no} are booleans
 * and {@code 0644} is octal) into plain values whose mappings and sequences carry file:line.
 */
public final class YamlLoader {

    private YamlLoader() {
    }

    /** Parses one YAML document; an empty document is null. Errors cite file:line. */
    public static Object load(String file, String text) {
        return parsed(file, () -> yaml(file).load(text));
    }

    /**
     * Parses every document of a stream ({@code ---} between them, as Kubernetes manifests are kept); an empty
     * document is null. Errors cite file:line.
     */
    public static List<Object> loadAll(String file, String text) {
        return parsed(file, () -> {
            List<Object> documents = new ArrayList<>();
            yaml(file).loadAll(text).forEach(documents::add);
            return documents;
        });
    }

    private static Yaml yaml(String file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);  // as PyYAML: the last one wins
        options.setMaxAliasesForCollections(200);
        options.setCodePointLimit(64 * 1024 * 1024);
        return new Yaml(new LocatingConstructor(file, options));
    }

    private static <T> T parsed(String file, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            throw new PlaybookException(new Location(file, line), "invalid YAML: " + problem);
        } catch (YAMLException e) {
            throw new PlaybookException(new Location(file, 0), "invalid YAML: " + e.getMessage());
        }
    }

    private static final class LocatingConstructor extends SafeConstructor {
        private final String file;

        LocatingConstructor(String file, LoaderOptions options) {
            super(options);
            this.file = file;
            this.yamlConstructors.put(Tag.MAP, new ConstructLocatedMap());
            this.yamlConstructors.put(Tag.SEQ, new ConstructLocatedList());
            this.yamlConstructors.put(new Tag("!unsafe"), new ConstructUnsafe());
            this.yamlConstructors.put(new Tag("!vault"), new RejectVault());
        }

        private Location at(Node node) {
            return new Location(file, node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1);
        }

        private final class ConstructLocatedMap extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                MappingNode mapping = (MappingNode) node;
                flattenMapping(mapping);  // resolves << merge keys
                LocatedMap map = new LocatedMap(at(node));
                for (NodeTuple tuple : mapping.getValue()) {
                    Object key = constructObject(tuple.getKeyNode());
                    map.put(String.valueOf(key), constructObject(tuple.getValueNode()));
                }
                return map;
            }
        }

        private final class ConstructLocatedList extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                LocatedList list = new LocatedList(at(node));
                for (Node item : ((SequenceNode) node).getValue()) {
                    list.add(constructObject(item));
                }
                return list;
            }
        }

        private final class ConstructUnsafe extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                return new UnsafeText(((ScalarNode) node).getValue());
            }
        }

        private final class RejectVault extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                throw new PlaybookException(at(node),
                        "Ansible Vault values are not supported: pass secrets as secret vars (secretVars or -e)");
            }
        }
    }
}
