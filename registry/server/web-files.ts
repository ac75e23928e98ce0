// The web page's files (registry/web/: HTML, CSS and browser ES modules, served as they are: no build step). The
// bundle embeds them as strings (scripts/bundle.mjs defines __TSBUILD_WEB_FILES__), so that `tsbuild registry serve`
// from dist/bundle/main.cjs needs no file beside it; run from the sources (tests), they are read from registry/web/.

import { readdirSync, readFileSync } from 'node:fs';

declare const __TSBUILD_WEB_FILES__: Record<string, string> | undefined;

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

export interface WebFile {
  body: string;
  contentType: string;
}

function typeOf(name: string): string | undefined {
  return CONTENT_TYPES[name.slice(name.lastIndexOf('.') + 1)];
}

function readFromSources(): Record<string, string> {
  const dir = new URL('../web/', import.meta.url);
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(new URL(name, dir), 'utf8')]));
}

let files: Map<string, WebFile> | undefined;

/** The page's files by name (`index.html`, `app.js`...): only those of a type the page serves. */
export function webFiles(): Map<string, WebFile> {
  if (!files) {
    const raw = typeof __TSBUILD_WEB_FILES__ === 'undefined' ? readFromSources() : __TSBUILD_WEB_FILES__;
    files = new Map();
    for (const [name, body] of Object.entries(raw)) {
      const contentType = typeOf(name);
      if (contentType) files.set(name, { body, contentType });
    }
  }
  return files;
}
