import { fileTypeFromBuffer } from 'file-type';

export { ALL_KINDS, EVIDENCE_KINDS, FILE_KINDS, type FileKind, kindOfMime, MAX_UPLOAD_BYTES, SIGNED_ORIGINAL_KINDS } from './kind-list';
import { ALL_KINDS, FILE_KINDS, type FileKind } from './kind-list';

/** What the content is, by file-type; `undefined` when file-type recognises nothing (plain text, random bytes). */
export async function detectFileType(bytes: Uint8Array): Promise<{ ext: string; mime: string } | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  return found ? { ext: found.ext, mime: found.mime } : undefined;
}

/** The list of kinds as people read it: "PDF, PNG hoặc JPEG". */
export function kindList(kinds: readonly FileKind[]): string {
  const labels = kinds.map((k) => FILE_KINDS[k].label);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} hoặc ${labels.at(-1)}`;
}

export type KindCheck = { ok: true; kind: FileKind; mime: string } | { ok: false; detected: string | undefined; message: string };

/** Whether the bytes are one of `allowed`, with the Vietnamese sentence that says why not. */
export async function checkKind(bytes: Uint8Array, allowed: readonly FileKind[]): Promise<KindCheck> {
  const found = await detectFileType(bytes);
  const kind = found && (ALL_KINDS as string[]).includes(found.ext) ? (found.ext as FileKind) : undefined;
  if (kind && allowed.includes(kind)) return { ok: true, kind, mime: FILE_KINDS[kind].mime };
  const what = found ? `tệp ${found.ext.toUpperCase()} (${found.mime})` : 'một loại tệp không nhận ra được';
  return {
    ok: false,
    detected: found?.ext,
    message: `Chỉ nhận tệp ${kindList(allowed)}; nội dung tệp này là ${what}. Loại tệp được xác định từ nội dung, không theo tên hay đuôi tệp.`,
  };
}
