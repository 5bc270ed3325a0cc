export { fromBase64Url, toBase64Url } from "@sspr/core";

/** UTF-8 bytes of a string. */
export const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);
