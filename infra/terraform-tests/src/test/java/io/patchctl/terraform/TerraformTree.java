package io.patchctl.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where the Terraform under test lives, found from the Maven module's directory. */
final class TerraformTree {

    private TerraformTree() {
    }

    /** The repository root: the first ancestor of the working directory holding infra/terraform. */
    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("infra/terraform"))) {
                return p;
            }
        }
        throw new IllegalStateException("no infra/terraform above " + dir + ": run the tests from the repository");
    }

    static Path root() {
        return repositoryRoot().resolve("infra/terraform");
    }

    static Path patchManager() {
        return root().resolve("modules/patch-manager");
    }

    static Path basicExample() {
        return root().resolve("examples/basic");
    }

    /** Every .tf file below infra/terraform (provider caches excluded). */
    static List<Path> allTfFiles() {
        return filesEndingWith(root(), ".tf");
    }

    static List<Path> filesEndingWith(Path dir, String suffix) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> !p.toString().contains("/.terraform/"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The .tf files directly in one module directory (a Terraform module is one directory). */
    static List<Path> moduleFiles(Path moduleDir) {
        try (Stream<Path> list = Files.list(moduleDir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".tf")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
