import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Tinos (Steve Matteson for Google, SIL Open Font License 1.1): metric-compatible with Times New Roman, the face
 * NĐ 30/2020/NĐ-CP Phụ lục I asks for, with every Vietnamese precomposed letter. The four TTF files come from the npm
 * package @expo-google-fonts/tinos; they are read from disk once per process, on the first rendering.
 *
 * Bundling: esbuild does not follow a path given to readFileSync. A function that renders PDFs copies the four files
 * beside its bundle and sets THIDUA_FONT_DIR to that folder (infra wiring); without it they are found through
 * node_modules (tests, the local twin, the bench).
 */

export const FONT_FILES = {
  normal: 'Tinos_400Regular.ttf',
  bold: 'Tinos_700Bold.ttf',
  italics: 'Tinos_400Regular_Italic.ttf',
  bolditalics: 'Tinos_700Bold_Italic.ttf',
} as const;

export type FontStyle = keyof typeof FONT_FILES;

/** The folder a file of the package lives in, e.g. `…/@expo-google-fonts/tinos/400Regular`. */
const PACKAGE_DIRS: Record<FontStyle, string> = {
  normal: '400Regular',
  bold: '700Bold',
  italics: '400Regular_Italic',
  bolditalics: '700Bold_Italic',
};

/** Where each file is: THIDUA_FONT_DIR/<file> when set, else the npm package's file. */
export function fontPath(style: FontStyle): string {
  const dir = process.env.THIDUA_FONT_DIR;
  if (dir) return join(dir, FONT_FILES[style]);
  return require.resolve(`@expo-google-fonts/tinos/${PACKAGE_DIRS[style]}/${FONT_FILES[style]}`);
}

let loaded: Record<FontStyle, Buffer> | undefined;

export function fontFiles(): Record<FontStyle, Buffer> {
  loaded ??= {
    normal: readFileSync(fontPath('normal')),
    bold: readFileSync(fontPath('bold')),
    italics: readFileSync(fontPath('italics')),
    bolditalics: readFileSync(fontPath('bolditalics')),
  };
  return loaded;
}
