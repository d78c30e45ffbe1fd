package io.patchctl.lab;

import java.util.List;

/** Writes updateinfo.xml in the form Red Hat's repositories publish it. */
final class UpdateinfoWriter {

    private UpdateinfoWriter() {
    }

    static String xml(List<LabAdvisory> advisories) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<updates>\n");
        for (LabAdvisory a : advisories) {
            x.append("  <update from=\"lab@patchctl.invalid\" status=\"stable\" type=\"").append(a.type().xml)
                    .append("\" version=\"2.0\">\n");
            x.append("    <id>").append(esc(a.id())).append("</id>\n");
            x.append("    <title>").append(esc(a.title())).append("</title>\n");
            if (a.issued() == null) {
                x.append("    <issued date=\"2026-11-01 00:00:00\"/>\n    <updated date=\"2026-11-02 00:00:00\"/>\n");
            } else {
                x.append("    <issued date=\"").append(a.issued()).append(" 00:00:00\"/>\n    <updated date=\"")
                        .append(a.issued()).append(" 00:00:00\"/>\n");
            }
            x.append("    <rights>Copyright 2026 patchctl lab</rights>\n");
            if (a.severity() != null) {
                x.append("    <severity>").append(esc(a.severity())).append("</severity>\n");
            }
            x.append("    <summary>").append(esc(a.title())).append("</summary>\n");
            x.append("    <description>").append(esc(a.title())).append(" (lab)</description>\n");
            x.append("    <references>\n");
            for (String cve : a.cves()) {
                x.append("      <reference href=\"https://access.redhat.com/security/cve/").append(esc(cve))
                        .append("\" id=\"").append(esc(cve)).append("\" title=\"").append(esc(cve))
                        .append("\" type=\"cve\"/>\n");
            }
            x.append("    </references>\n    <pkglist>\n      <collection short=\"lab\">\n        <name>lab</name>\n");
            for (LabRpm r : a.packages()) {
                x.append("        <package name=\"").append(esc(r.name())).append("\" version=\"").append(esc(r.version()))
                        .append("\" release=\"").append(esc(r.release())).append("\" epoch=\"").append(r.epoch())
                        .append("\" arch=\"").append(r.arch()).append("\" src=\"").append(esc(r.name()))
                        .append("-").append(esc(r.version())).append("-").append(esc(r.release()))
                        .append(".src.rpm\">\n          <filename>").append(esc(r.fileName()))
                        .append("</filename>\n        </package>\n");
            }
            x.append("      </collection>\n    </pkglist>\n  </update>\n");
        }
        return x.append("</updates>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
