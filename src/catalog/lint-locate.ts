import { readFileSync } from "node:fs";
import { lineIndex } from "./front-matter.js";
import type { LintFinding } from "./lint.js";
import { YamlSource } from "./yaml-source.js";

type Position = { line: number; column: number };

/**
 * Where each lint finding is written: the option's text in the front matter, or the first line of
 * the stem. Only files with findings are read again, each once. An option written on one line as
 * `text: "..."` is found by its text; only other spellings need the front matter parsed again.
 */
export function findingLocator(): (finding: LintFinding) => Position {
  const read = new Map<string, QuestionText>();
  return (finding) => {
    const file = finding.question.file;
    let text = read.get(file);
    if (!text) {
      text = new QuestionText(file, readFileSync(file, "utf8"));
      read.set(file, text);
    }
    return text.locate(finding);
  };
}

class QuestionText {
  private readonly src: string;
  private readonly position: (offset: number) => Position;
  /** Offsets of the front matter (after the opening `---` line) and of its closing `---` line. */
  private readonly matterStart: number;
  private readonly matterEnd: number;
  private source?: YamlSource;

  constructor(
    private readonly file: string,
    text: string,
  ) {
    this.src = text.replace(/^\uFEFF/, "").replace(/\r\n/g, "\n");
    this.position = lineIndex(this.src);
    this.matterStart = this.src.indexOf("\n") + 1;
    const closing = this.src.slice(this.matterStart).search(/^---[ \t]*$/m);
    this.matterEnd = closing === -1 ? this.matterStart : this.matterStart + closing;
  }

  locate(finding: LintFinding): Position {
    const { at, question } = finding;
    if (at === "stem") {
      const bodyStart = this.src.indexOf("\n", this.matterEnd) + 1;
      const stem = this.src.slice(bodyStart).search(/\S/);
      return { line: this.position(bodyStart + Math.max(0, stem)).line, column: 1 };
    }
    const option = at[0] === "options" && "options" in question ? question.options[Number(at[1])] : undefined;
    return (option && this.find(`text: "${option.text}"\n`)) ?? this.parsed().locate(at);
  }

  /** The value's position when `line` occurs exactly once in the front matter. */
  private find(line: string): Position | undefined {
    const matter = this.src.slice(0, this.matterEnd + 1);
    const at = matter.indexOf(line);
    if (at === -1 || matter.indexOf(line, at + 1) !== -1) return undefined;
    return this.position(at + "text: ".length);
  }

  private parsed(): YamlSource {
    this.source ??= new YamlSource(this.file, this.src.slice(this.matterStart, this.matterEnd), 2);
    return this.source;
  }
}
