/** Errors the store raises for conditions a learner can act on; each message names the file. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The file is damaged, not a database, or cannot be read. It is left exactly as it was. */
export class StoreCorruptError extends StoreError {
  constructor(
    path: string,
    readonly reason: string,
    readonly lastGoodCopy: string | null,
  ) {
    super(
      [
        `The progress database ${path} cannot be used: ${reason}.`,
        "It has been left untouched.",
        lastGoodCopy
          ? `The last good copy is ${lastGoodCopy}; to go back to it, move the damaged file aside and copy the backup to ${path}.`
          : "No earlier copy of it exists.",
      ].join(" "),
      path,
    );
  }
}

/** The file was written by a newer ccaak-train whose schema this version does not know. */
export class StoreTooNewError extends StoreError {
  constructor(
    path: string,
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `The progress database ${path} has schema version ${fileVersion}, but this ccaak-train knows versions up to ${knownVersion}: it was written by a newer ccaak-train. Upgrade ccaak-train to use it; the file has been left untouched.`,
      path,
    );
  }
}

/** A progress file given to `import` that is not what `export` writes. */
export class ImportError extends Error {}
