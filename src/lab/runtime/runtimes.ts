import type { RuntimeKind } from "../attempt/state.js";
import { DockerRuntime } from "./docker.js";
import { LocalRuntime } from "./local.js";
import type { LabRuntime } from "./runtime.js";

export function runtimeFor(kind: RuntimeKind): LabRuntime {
  return kind === "docker" ? new DockerRuntime() : new LocalRuntime();
}
