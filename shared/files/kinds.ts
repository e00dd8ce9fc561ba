import { fileTypeFromBuffer } from 'file-type';

/**
 * The kinds of file the system takes (issue 12: evidence and dossiers are PDF, images, DOCX, XLSX; a
 * signed original is a PDF), each as file-type 22 names it when it reads the content. The kind is
 * always taken from the bytes, never from the name or the Content-Type a browser sends: an .exe
 * renamed .pdf is an exe.
 *
 * DOCX and XLSX are zip files; file-type opens the zip and reads `[Content_Types].xml` (or, failing
 * that, the `word/` or `xl/` folders), so a macro-enabled DOCM or XLSM is reported as such and refused.
 */
export const FILE_KINDS = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  png: { mime: 'image/png', label: 'PNG' },
  jpg: { mime: 'image/jpeg', label: 'JPEG' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'DOCX (Word)' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'XLSX (Excel)' },
} as const;

export type FileKind = keyof typeof FILE_KINDS;
export const ALL_KINDS = Object.keys(FILE_KINDS) as FileKind[];
/** Evidence (minh chứng) and dossier (hồ sơ) files. */
export const EVIDENCE_KINDS: readonly FileKind[] = ALL_KINDS;
/** A signed original (bản ký số) of a document the system issued. */
export const SIGNED_ORIGINAL_KINDS: readonly FileKind[] = ['pdf'];

/** The largest file taken (issue 12: each ≤ 20 MB). Also the most verifyUpload reads. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export const kindOfMime = (mime: string): FileKind | undefined => ALL_KINDS.find((k) => FILE_KINDS[k].mime === mime.toLowerCase());

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
