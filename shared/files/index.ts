/**
 * Files in the documents bucket (docs/documents-storage.md): presigned uploads and downloads, the
 * check of an upload from its bytes, and the writes of generated files. Import the module you need
 * (`#shared/files/presign`) rather than this index in a function, so a bundle holds only what it uses.
 */
export { documentsBucket, s3Client } from './client';
export { hexToBase64, SHA256_HEX, sha256Base64, sha256Hex } from './hash';
export { agencyOfKey, campaignPrefix, KEY_ROOT, objectKey } from './keys';
export { ALL_KINDS, checkKind, detectFileType, EVIDENCE_KINDS, FILE_KINDS, type FileKind, kindList, kindOfMime, MAX_UPLOAD_BYTES, SIGNED_ORIGINAL_KINDS } from './kinds';
export { contentDisposition, DOWNLOAD_EXPIRES_SECONDS, type PresignedDownload, type PresignedUpload, presignDownload, presignUpload, UPLOAD_EXPIRES_SECONDS, type UploadRequest } from './presign';
export { putObject, type StoredObject } from './put';
export { UploadFileRequest } from './schemas';
export { type UploadExpectation, type UploadRejection, type VerifiedUpload, verifyUpload } from './verify';
