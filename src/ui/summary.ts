import type { Artifact } from '../plugin/artifact.js';
import type { Ui } from './ui.js';

/** Packer's closing report: errors, then the artifacts of successful builds, with their machine-readable records. */
export function reportResults(ui: Ui, artifacts: ReadonlyMap<string, Artifact[]>, errors: ReadonlyMap<string, string>): void {
  if (errors.size > 0) {
    ui.machine('error-count', String(errors.size));
    ui.error("\n==> Some builds didn't complete successfully and had errors:");
    for (const [name, err] of errors) {
      ui.machine(`${name},error`, err);
      ui.error(`--> ${name}: ${err}`);
    }
  }
  if (artifacts.size === 0) {
    ui.say('\n==> Builds finished but no artifacts were created.');
    return;
  }
  ui.say('\n==> Builds finished. The artifacts of successful builds are:');
  for (const [name, list] of artifacts) {
    ui.machine(`${name},artifact-count`, String(list.length));
    list.forEach((a, i) => {
      const n = String(i);
      const m = (...args: string[]) => ui.machine(`${name},artifact`, n, ...args);
      m('builder-id', a.builderId);
      m('id', a.id);
      m('string', a.string);
      m('files-count', String(a.files.length));
      a.files.forEach((f, fi) => m('file', String(fi), f));
      m('end');
      ui.say(`--> ${name}: ${a.string}`);
    });
  }
}
