package io.patchctl.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Creates lab hosts from the command line for the demo and the benchmark scripts:
 * {@code java -cp patchctl.jar io.patchctl.lab.LabMain host DIR [mixed|failing|fleet:PACKAGES:SECURE] [--unreachable]}.
 * Prints shell assignments (HOME, INSTALLROOT, DNF_CONF, LAB_DIR) on stdout for {@code eval}.
 */
public final class LabMain {

    private LabMain() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || !args[0].equals("host")) {
            System.err.println("usage: LabMain host DIR [mixed|failing|fleet:PACKAGES:SECURE] [--unreachable]");
            System.exit(1);
        }
        Path dir = Path.of(args[1]);
        String which = args.length > 2 && !args[2].startsWith("--") ? args[2] : "mixed";
        boolean unreachable = List.of(args).contains("--unreachable");
        LabSpec spec;
        if (which.equals("mixed")) {
            spec = StandardLabs.mixed();
        } else if (which.equals("failing")) {
            spec = StandardLabs.failing();
        } else if (which.startsWith("fleet:")) {
            String[] f = which.split(":");
            spec = StandardLabs.fleet(Integer.parseInt(f[1]), Integer.parseInt(f[2]));
        } else {
            System.err.println("unknown lab '" + which + "' (mixed, failing, fleet:PACKAGES:SECURE)");
            System.exit(1);
            return;
        }
        try {
            if (Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
                System.err.println("host directory " + dir + " exists and is not empty");
                System.exit(1);
            }
            Lab lab = Lab.build(spec);
            LabHost host = unreachable ? lab.newUnreachableHost(dir, HostSpec.allBase()) : lab.newHost(dir, HostSpec.allBase());
            System.out.println("HOME='" + lab.home() + "'");
            System.out.println("INSTALLROOT='" + host.installroot() + "'");
            System.out.println("DNF_CONF='" + host.dnfConf() + "'");
            System.out.println("LAB_DIR='" + lab.dir() + "'");
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("lab: " + e.getMessage());
            System.exit(1);
        }
    }
}
