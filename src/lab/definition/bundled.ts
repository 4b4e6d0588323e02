/** The bundled labs (`labs/<id>/lab.md`) and the topology each one runs. */
import { LabUserError } from "../errors.js";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { isSafeId } from "../../ids.js";
import { formatDiagnostic } from "../../catalog/diagnostics.js";
import { labsDir } from "../../paths.js";
import type { LabTopology } from "../spec.js";
import { loadLabs, parseLabFile } from "./parse.js";
import type { LabDefinition } from "./schema.js";
import { toTopology } from "./topology.js";

export class LabDefinitionError extends LabUserError {}

export function listLabDefinitions(dir = labsDir): LabDefinition[] {
  return loadLabs(dir).labs;
}

/** A bundled lab by id; throws `LabDefinitionError` naming its problems when the file is broken. */
export function loadLabDefinition(id: string, dir = labsDir): LabDefinition | undefined {
  const file = path.join(dir, id, "lab.md");
  if (!isSafeId(id) || !existsSync(file)) return undefined;
  const result = parseLabFile(file, readFileSync(file, "utf8"), id);
  if (!result.lab) {
    throw new LabDefinitionError(
      `${file} has errors (run ccaak-train validate ${path.join(dir, id)}):\n` +
        result.diagnostics.map((d) => formatDiagnostic(d)).join("\n"),
    );
  }
  return result.lab;
}

/** The topology of a bundled lab (the sandbox's is what the docker runtime and `doctor` know). */
export function bundledTopology(id: string, dir = labsDir): LabTopology {
  const lab = loadLabDefinition(id, dir);
  if (!lab) throw new LabDefinitionError(`no lab ${id} in ${dir}`);
  return toTopology(lab);
}
