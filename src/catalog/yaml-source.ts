import {
  isAlias,
  isCollection,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
} from "yaml";
import type { Diagnostic, Severity } from "./types.js";

export type FieldPath = readonly (string | number)[];

/**
 * A YAML text that knows where each of its fields is in the file it came from, so that every
 * problem can be reported at a file, line and column.
 */
export class YamlSource {
  readonly data: unknown;
  readonly syntaxErrors: Diagnostic[];
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  /** `firstLine` is the file line the text starts on (front matter starts after its `---`). */
  constructor(
    readonly file: string,
    readonly text: string,
    private readonly firstLine = 1,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: true });
    this.syntaxErrors = this.doc.errors.map((error) => {
      const at = error.linePos?.[0] ?? { line: 1, col: 1 };
      return {
        file,
        line: at.line + firstLine - 1,
        column: at.col,
        severity: "error" as const,
        field: "yaml",
        message: error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""),
      };
    });
    // An alias can point at an anchor that does not exist, or expand a few lines into millions of
    // nodes; content never needs one, so anchors and aliases are refused where they are written.
    const anchors: { range: Node["range"]; what: string }[] = [];
    // Both are written with `&` or `*`; a text with neither has none, and the walk is skipped.
    if (/[&*]/.test(text))
      visit(this.doc, (_, node) => {
        if (isAlias(node)) anchors.push({ range: node.range, what: `alias *${node.source}` });
        else if (isNode(node) && node.anchor)
          anchors.push({ range: node.range, what: `anchor &${node.anchor}` });
      });
    if (anchors.length > 0) this.refuseAnchors(anchors[0]!.range, anchors[0]!.what, anchors.length - 1);
    this.data = this.syntaxErrors.length > 0 ? undefined : this.doc.toJS({ maxAliasCount: 0 });
  }

  private refuseAnchors(range: Node["range"], what: string, more: number): void {
    const at = range ? this.position(range[0]) : { line: this.firstLine, column: 1 };
    const others = more > 0 ? ` and ${more} more` : "";
    this.syntaxErrors.push({
      file: this.file,
      ...at,
      severity: "error",
      field: "yaml",
      message: `YAML anchors and aliases are not allowed (${what}${others}): write each value out in full`,
    });
  }

  /** Where a field is: its value for a present field, else the nearest present parent. */
  locate(path: FieldPath): { line: number; column: number } {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.doc.getIn(path.slice(0, depth), true) as Node | undefined;
      if (node?.range) return this.position(node.range[0]);
      if (depth === 0) break;
    }
    const root = this.doc.contents as Node | null;
    return root?.range ? this.position(root.range[0]) : { line: this.firstLine, column: 1 };
  }

  /** Where a key of a map is written (for unknown keys, which have no schema path of their own). */
  locateKey(parent: FieldPath, key: string): { line: number; column: number } {
    const map = parent.length === 0 ? this.doc.contents : this.doc.getIn(parent, true);
    if (isMap(map)) {
      const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      const keyNode = pair?.key as Node | undefined;
      if (keyNode?.range) return this.position(keyNode.range[0]);
    }
    return this.locate(parent);
  }

  /** The source text of a scalar, as the author wrote it (`0123`, not 123). */
  sourceOf(path: FieldPath): string | undefined {
    const node = this.doc.getIn(path, true);
    return isScalar(node) && node.range ? this.text.slice(node.range[0], node.range[1]) : undefined;
  }

  /** Every string value with its path and position: for checks on text that apply to all fields. */
  strings(): { path: (string | number)[]; value: string; raw: string; line: number; column: number }[] {
    const found: { path: (string | number)[]; value: string; raw: string; line: number; column: number }[] =
      [];
    const walk = (node: unknown, path: (string | number)[]): void => {
      if (isScalar(node)) {
        if (typeof node.value === "string" && node.range) {
          const raw = this.text.slice(node.range[0], node.range[1]);
          found.push({ path, value: node.value, raw, ...this.position(node.range[0]) });
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, index) => walk(item, [...path, index]));
      } else if (isMap(node)) {
        for (const item of node.items) {
          if (isPair(item) && isScalar(item.key)) walk(item.value, [...path, String(item.key.value)]);
        }
      } else if (isCollection(node)) {
        return;
      }
    };
    walk(this.doc.contents, []);
    return found;
  }

  /** The dotted path of the deepest field whose text contains `offset`, for raw-text findings. */
  fieldAt(offset: number): string {
    let best: (string | number)[] = [];
    const walk = (node: unknown, path: (string | number)[]): void => {
      if (isSeq(node)) node.items.forEach((item, index) => visit(item, [...path, index]));
      else if (isMap(node)) {
        for (const item of node.items) {
          if (isPair(item) && isScalar(item.key)) visit(item.value, [...path, String(item.key.value)]);
        }
      }
    };
    const visit = (node: unknown, path: (string | number)[]): void => {
      const range = (node as Node | null)?.range;
      if (range && offset >= range[0] && offset < range[2]) {
        best = path;
        walk(node, path);
      }
    };
    walk(this.doc.contents, []);
    return dotted(best) || "yaml";
  }

  diagnostic(
    path: FieldPath,
    message: string,
    options: { severity?: Severity; suggestion?: string; at?: { line: number; column: number } } = {},
  ): Diagnostic {
    const at = options.at ?? this.locate(path);
    return {
      file: this.file,
      line: at.line,
      column: at.column,
      severity: options.severity ?? "error",
      field: dotted(path) || "(root)",
      message,
      ...(options.suggestion ? { suggestion: options.suggestion } : {}),
    };
  }

  private position(offset: number): { line: number; column: number } {
    const { line, col } = this.lines.linePos(offset);
    return { line: line + this.firstLine - 1, column: col };
  }
}

export function dotted(path: FieldPath): string {
  return path.map(String).join(".");
}
