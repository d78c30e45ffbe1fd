#!/usr/bin/env python3
"""Regenerates the input/output tables of infra/terraform/README.md and
modules/patch-manager/README.md from the .tf files
(between the <!-- BEGIN GENERATED TABLES --> and <!-- END GENERATED TABLES --> markers).
TerraformStructureTest fails when a variable or output is missing from the README or its
description differs. Usage: infra/terraform-tests/scripts/readme-tables.py"""
import os, re

TF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "terraform")

def blocks(path, kind):
    text = open(path).read()
    for m in re.finditer(r'^%s "([^"]+)" \{\n(.*?)^\}' % kind, text, re.S | re.M):
        body = m.group(2)
        desc = re.search(r'^\s*description\s*=\s*"(.*)"\s*$', body, re.M).group(1)
        typ = re.search(r'^  type\s*=\s*(.+)$', body, re.M)
        default = re.search(r'^  default\s*=\s*(.+)$', body, re.M)
        yield m.group(1), desc.replace("|", "\\|"), typ.group(1).strip() if typ else "", default.group(1).strip() if default else None

def tables(modules):
  out = []
  for mod, title in modules:
    out.append(f"### Inputs of the {title}\n")
    out.append("| Name | Description | Type | Default | Required |\n|---|---|---|---|---|")
    for n, d, t, df in blocks(os.path.join(TF, mod, "variables.tf"), "variable"):
        out.append(f"| `{n}` | {d} | `{t}` | {('`' + df + '`') if df is not None else 'n/a'} | {'no' if df is not None else 'yes'} |")
    out.append(f"\n### Outputs of the {title}\n")
    out.append("| Name | Description |\n|---|---|")
    for n, d, _, _ in blocks(os.path.join(TF, mod, "outputs.tf"), "output"):
        out.append(f"| `{n}` | {d} |")
    out.append("")
  return out

def write(readme, out):
    text = open(readme).read()
    begin, end = "<!-- BEGIN GENERATED TABLES -->", "<!-- END GENERATED TABLES -->"
    if begin in text:
        text = text[: text.index(begin)] + begin + "\n" + "\n".join(out) + end + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + begin + "\n" + "\n".join(out) + end + "\n"
    open(readme, "w").write(text)

ROOT = (".", "root module (`infra/terraform`)")
PM = ("modules/patch-manager", "module `modules/patch-manager`")
write(os.path.join(TF, "README.md"), tables([ROOT, PM]))
write(os.path.join(TF, "modules/patch-manager/README.md"), tables([PM]))
