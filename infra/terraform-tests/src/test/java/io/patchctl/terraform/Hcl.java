package io.patchctl.terraform;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** hcl4j over one module directory: the syntax check and the literal values it can return. */
final class Hcl {

    private Hcl() {
    }

    /** Parses one file; any syntax error fails with the file's name. */
    static Map<String, Object> parse(Path file) {
        try {
            return new HCLParser().parse(file.toFile(), "UTF-8");
        } catch (Exception e) {
            throw new AssertionError("HCL syntax error in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Top-level blocks of one kind ("variable", "output", "resource") merged over the module's files. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> blocks(Path moduleDir, String kind) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Path file : TerraformTree.moduleFiles(moduleDir)) {
            Object value = parse(file).get(kind);
            if (value instanceof Map) {
                merged.putAll((Map<String, Object>) value);
            }
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> variable(Path moduleDir, String name) {
        Object v = blocks(moduleDir, "variable").get(name);
        if (!(v instanceof Map)) {
            throw new AssertionError("variable '" + name + "' not declared in " + moduleDir);
        }
        return (Map<String, Object>) v;
    }

    static String defaultString(Path moduleDir, String variable) {
        Object value = variable(moduleDir, variable).get("default");
        if (!(value instanceof String)) {
            throw new AssertionError("variable '" + variable + "' has no string literal default: " + value);
        }
        return (String) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> resource(Path moduleDir, String type, String name) {
        Map<String, Object> byType = (Map<String, Object>) blocks(moduleDir, "resource").get(type);
        if (byType == null || !(byType.get(name) instanceof Map)) {
            throw new AssertionError("resource " + type + "." + name + " not found in " + moduleDir);
        }
        return (Map<String, Object>) byType.get(name);
    }
}
