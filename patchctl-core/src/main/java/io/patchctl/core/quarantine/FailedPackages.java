package io.patchctl.core.quarantine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the packages a transaction was asked to update dnf blamed for its failure, read from dnf 4's
 * own output (fixtures: core/src/test/resources/dnf-errors/real/ and the lab's capture):
 * <ul>
 *   <li>a fatal scriptlet: {@code Error in PREIN scriptlet in rpm package NAME},
 *       {@code error: %prein(NEVRA) scriptlet failed, exit status 1}, and the {@code Failed:} block that
 *       lists the NEVRAs rpm could not install. {@code %post}, {@code %postun}, {@code %posttrans} and
 *       triggers never fail a transaction (rpm only warns; dnf 4.7 still prints "Error in POSTIN"), so
 *       they blame nobody;</li>
 *   <li>a file conflict: {@code file F from install of NEVRA conflicts with file from package ...}: the
 *       package being installed, not the installed one it collides with;</li>
 *   <li>a dependency problem: {@code nothing provides X needed by NEVRA},
 *       {@code package NEVRA requires X, but none of the providers can be installed}.</li>
 * </ul>
 * Only names the transaction was asked to update are returned: a dependency dnf pulled in cannot be held
 * by name, and blaming an installed package would hold an update nobody tried.
 */
public final class FailedPackages {

    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("Error in (?:PREIN|PRETRANS|PREUN) scriptlet in rpm package (\\S+)"),
            Pattern.compile("%(?:prein|pre|pretrans|preun)\\((\\S+)\\) scriptlet failed"),
            Pattern.compile("from install of (\\S+) conflicts with file from package"),
            Pattern.compile("nothing provides .* needed by (\\S+)"),
            Pattern.compile("package (\\S+) requires .*, but none of the providers can be installed"));

    /** name-[epoch:]version-release.arch */
    private static final Pattern NEVRA = Pattern.compile("^(.+)-([^-]+)-([^-]+)$");

    /** A package dnf blamed, with the NEVRA it printed (or just the name when dnf printed only that). */
    public record Blamed(String name, String printed) {
    }

    private FailedPackages() {
    }

    /**
     * @param dnfOutput the transaction's error text and output tail
     * @param attempted the package names the transaction was asked to update
     * @return the blamed names among {@code attempted}, in the order dnf first named them
     */
    public static List<Blamed> blamed(String dnfOutput, Collection<String> attempted) {
        Map<String, Blamed> found = new LinkedHashMap<>();
        String[] lines = dnfOutput == null ? new String[0] : dnfOutput.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.equals("Failed:")) {
                // dnf 4's summary of what rpm could not install: indented NEVRAs up to a blank line
                for (int j = i + 1; j < lines.length && !lines[j].isBlank() && Character.isWhitespace(lines[j].charAt(0)); j++) {
                    for (String token : lines[j].strip().split("\\s+")) {
                        add(found, token, attempted);
                    }
                }
                continue;
            }
            for (Pattern p : PATTERNS) {
                Matcher m = p.matcher(line);
                while (m.find()) {
                    add(found, m.group(1), attempted);
                }
            }
        }
        return List.copyOf(found.values());
    }

    private static void add(Map<String, Blamed> found, String token, Collection<String> attempted) {
        nameOf(token, attempted).ifPresent(name -> {
            Blamed earlier = found.get(name);
            if (earlier == null || earlier.printed().equals(name)) {
                found.put(name, new Blamed(name, token)); // a NEVRA says more than the bare name
            }
        });
    }

    /** The attempted package a token names: the name itself, or a NEVRA of it. */
    static Optional<String> nameOf(String token, Collection<String> attempted) {
        if (attempted.contains(token)) {
            return Optional.of(token);
        }
        Matcher m = NEVRA.matcher(token);
        if (m.matches() && attempted.contains(m.group(1))) {
            return Optional.of(m.group(1));
        }
        return Optional.empty();
    }
}
