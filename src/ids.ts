/**
 * The one rule for ids that become file or folder names under `CCAAK_HOME` or the bundled content:
 * pack ids (in manifests and on the command line), lab ids, lesson ids. Lower-case letters, digits and
 * dashes, starting with a letter or digit: no separator, no dot, so an id never climbs out of its folder.
 */
export const SAFE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const SAFE_ID_RULE =
  "use lower-case letters, digits and dashes (at most 64), starting with a letter or digit";

export function isSafeId(id: string): boolean {
  return SAFE_ID.test(id);
}
