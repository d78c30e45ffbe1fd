package io.patchctl.lab;

import io.patchctl.core.internal.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A built lab: {@code base} and {@code updates} RPM repositories (updates with updateinfo.xml) and
 * the means to create installroot hosts from them. Built once per {@link LabSpec#fingerprint()}
 * into a cache directory and reused, so repeated test runs take seconds.
 *
 * <p>Applies what we learned about dnf on Debian: rpm's database at {@code /var/lib/rpm} through a
 * private HOME's {@code .rpmmacros}; a static busybox as {@code /bin/sh} in every installroot
 * (scriptlets run chrooted); a {@code lab-sh} package that provides {@code /bin/sh} (the requirement
 * rpmbuild adds for scriptlets); kernels providing {@code installonlypkg(kernel)}; repositories built
 * fresh (never {@code createrepo_c --update}, which drops updateinfo) and {@code metadata_expire=0};
 * dnf run with {@code --noplugins} so Debian's plugins never write to the host.
 */
public final class Lab {

    /** Where built labs are cached unless told otherwise: {@code $PATCHCTL_LAB_CACHE} or {tmp}/patchctl-lab-cache. */
    public static final String CACHE_ENV = "PATCHCTL_LAB_CACHE";

    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(5);
    private static final LabRpm SH_PROVIDER = LabRpm.of("lab-sh", "1.0-1.el8", "noarch").withProvides("/bin/sh");

    private final LabSpec spec;
    private final Path dir;

    private Lab(LabSpec spec, Path dir) {
        this.spec = spec;
        this.dir = dir;
    }

    public static Path defaultCacheRoot() {
        String env = System.getenv(CACHE_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "patchctl-lab-cache");
    }

    public static Lab build(LabSpec spec) {
        return build(spec, defaultCacheRoot());
    }

    /** Builds the lab, or reuses the one already built for the same spec under {@code cacheRoot}. */
    public static Lab build(LabSpec spec, Path cacheRoot) {
        Path dir = cacheRoot.toAbsolutePath().resolve("lab-" + spec.fingerprint());
        if (Files.isRegularFile(dir.resolve("READY"))) {
            return new Lab(spec, dir);
        }
        Path tmp = cacheRoot.toAbsolutePath().resolve(".build-" + spec.fingerprint() + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(tmp);
            buildInto(spec, tmp, dir);
            Files.writeString(tmp.resolve("READY"), spec.fingerprint() + "\n");
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // another process built the same lab meanwhile: use theirs (identical content)
                FileTrees.delete(tmp);
            }
        } catch (IOException e) {
            FileTrees.deleteQuietly(tmp);
            throw new LabException("cannot build lab in " + tmp + ": " + e, e);
        } catch (RuntimeException e) {
            FileTrees.deleteQuietly(tmp);
            throw e;
        }
        return new Lab(spec, dir);
    }

    private static void buildInto(LabSpec spec, Path tmp, Path finalDir) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        // rpm's database where RHEL keeps it, for every rpm/dnf call made with this HOME
        Files.writeString(home.resolve(".rpmmacros"), "%_dbpath /var/lib/rpm\n");
        Map<String, String> env = Map.of("HOME", home.toString());
        Path top = Files.createDirectories(tmp.resolve("rpmbuild"));
        Path out = Files.createDirectories(tmp.resolve("rpms"));

        List<LabRpm> all = new ArrayList<>(spec.all());
        all.add(SH_PROVIDER);
        int generation = 0;
        while (!all.isEmpty()) {
            // a spec cannot hold two subpackages of one name: each generation takes one version per name
            Set<String> names = new HashSet<>();
            List<LabRpm> batch = new ArrayList<>();
            for (LabRpm r : List.copyOf(all)) {
                if (names.add(r.name())) {
                    batch.add(r);
                    all.remove(r);
                }
            }
            Path specFile = top.resolve("lab-gen" + generation + ".spec");
            Files.writeString(specFile, SpecWriter.spec("patchctl-lab-gen" + generation, batch), StandardCharsets.UTF_8);
            Commands.run(List.of("rpmbuild", "-bb", "--quiet",
                    "--define", "_topdir " + top,
                    "--define", "_rpmdir " + out,
                    "--define", "_binary_payload w1.gzdio",
                    "--define", "_build_id_links none",
                    specFile.toString()), env, TOOL_TIMEOUT);
            generation++;
        }
        Path base = Files.createDirectories(tmp.resolve("repos/base"));
        Path updates = Files.createDirectories(tmp.resolve("repos/updates"));
        List<LabRpm> baseRpms = new ArrayList<>(spec.base());
        baseRpms.add(SH_PROVIDER);
        for (LabRpm r : baseRpms) {
            Files.copy(out.resolve(r.arch()).resolve(r.fileName()), base.resolve(r.fileName()));
        }
        for (LabRpm r : spec.updates()) {
            Files.copy(out.resolve(r.arch()).resolve(r.fileName()), updates.resolve(r.fileName()));
        }
        Commands.run(List.of("createrepo_c", "--quiet", "--no-database", base.toString()), env, TOOL_TIMEOUT);
        Commands.run(List.of("createrepo_c", "--quiet", "--no-database", updates.toString()), env, TOOL_TIMEOUT);
        if (!spec.advisories().isEmpty()) {
            Path xml = tmp.resolve("updateinfo.xml");
            Files.writeString(xml, UpdateinfoWriter.xml(spec.advisories()), StandardCharsets.UTF_8);
            Commands.run(List.of("modifyrepo_c", "--mdtype=updateinfo", xml.toString(),
                    updates.resolve("repodata").toString()), env, TOOL_TIMEOUT);
        }
        Files.createDirectories(tmp.resolve("reposd"));
        Files.createDirectories(tmp.resolve("hosts"));
    }

    public LabSpec spec() {
        return spec;
    }

    public Path dir() {
        return dir;
    }

    public Path baseRepo() {
        return dir.resolve("repos/base");
    }

    public Path updatesRepo() {
        return dir.resolve("repos/updates");
    }

    /** The private HOME whose .rpmmacros puts rpm's database at /var/lib/rpm: every rpm and dnf call on a lab host needs it. */
    public Path home() {
        return dir.resolve("home");
    }

    public Map<String, String> environment() {
        return Map.of("HOME", home().toString());
    }

    /** A new host in {@code hostDir} (which must not exist or be empty) with the packages of {@code hostSpec}. */
    public LabHost newHost(Path hostDir, HostSpec hostSpec) {
        return createHost(hostDir, hostSpec, true);
    }

    /** Like {@link #newHost}, but its {@code updates} repository is unreachable (connection refused on 127.0.0.1). */
    public LabHost newUnreachableHost(Path hostDir, HostSpec hostSpec) {
        return createHost(hostDir, hostSpec, false);
    }

    private LabHost createHost(Path hostDir, HostSpec hostSpec, boolean reachable) {
        List<LabRpm> rpms = hostSpec.resolve(spec);
        Path template = template(rpms);
        Path hostAbs = hostDir.toAbsolutePath();
        Path root = hostAbs.resolve("root");
        try {
            Files.createDirectories(hostAbs);
            copyTree(template, root);
            Path conf = hostAbs.resolve("dnf.conf");
            Files.writeString(conf, dnfConf(reachable));
            // the host's identity, where the agent reads it (written per host: templates are shared)
            Path osRelease = root.resolve("etc/os-release");
            Files.createDirectories(osRelease.getParent());
            Files.deleteIfExists(osRelease);
            Files.writeString(osRelease, hostSpec.distro().osRelease());
            return new LabHost(hostAbs, root, conf, environment(), hostSpec.distro());
        } catch (IOException e) {
            throw new LabException("cannot create lab host in " + hostAbs + ": " + e, e);
        }
    }

    String dnfConf(boolean reachable) {
        String updatesUrl = reachable ? "file://" + updatesRepo() : "http://127.0.0.1:1/patchctl-lab-unreachable/updates/";
        return "[main]\n"
                + "# lab packages are unsigned; patchctl itself never passes --nogpgcheck\n"
                + "gpgcheck=0\n"
                + "installonly_limit=3\n"
                + "reposdir=" + dir.resolve("reposd") + "\n"
                + "metadata_expire=0\n"
                + "skip_if_unavailable=False\n"
                + "keepcache=False\n"
                + "retries=1\n"
                + "timeout=10\n\n"
                + "[base]\nname=patchctl lab base\nbaseurl=file://" + baseRepo() + "\nenabled=1\nmetadata_expire=0\n\n"
                + "[updates]\nname=patchctl lab updates\nbaseurl=" + updatesUrl + "\nenabled=1\nmetadata_expire=0\n";
    }

    /** An installroot with exactly these RPMs installed, built once per set and copied for each host. */
    private Path template(List<LabRpm> rpms) {
        String key = LabSpec.sha256(rpms.toString());
        Path template = dir.resolve("hosts").resolve(key);
        if (Files.isDirectory(template)) {
            return template;
        }
        Path tmp = dir.resolve("hosts").resolve(".tmp-" + UUID.randomUUID());
        try {
            Path bin = Files.createDirectories(tmp.resolve("bin"));
            Path sh = bin.resolve("sh");
            Files.copy(Busybox.locate(), sh);
            Files.setPosixFilePermissions(sh, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectories(tmp.resolve("var/lib/rpm"));
            Files.createDirectories(tmp.resolve("tmp"));
            List<String> argv = new ArrayList<>(List.of("rpm", "--root", tmp.toString(), "-i", "--nosignature"));
            argv.add(baseRepo().resolve(SH_PROVIDER.fileName()).toString());
            for (LabRpm r : rpms) {
                Path file = spec.base().contains(r) ? baseRepo().resolve(r.fileName()) : updatesRepo().resolve(r.fileName());
                argv.add(file.toString());
            }
            Commands.run(argv, environment(), TOOL_TIMEOUT);
            try {
                Files.move(tmp, template, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                FileTrees.delete(tmp);
            }
            return template;
        } catch (IOException e) {
            FileTrees.deleteQuietly(tmp);
            throw new LabException("cannot build host template " + template + ": " + e, e);
        } catch (RuntimeException e) {
            FileTrees.deleteQuietly(tmp);
            throw e;
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }


}
