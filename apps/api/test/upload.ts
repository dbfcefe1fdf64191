// Import files as the tests send them: a multipart body with one file part, and CSV text.
import { randomBytes } from 'node:crypto';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A multipart body holding one file in `field`, and its content-type header. */
export function multipart(
  fileName: string,
  content: Buffer | string,
  contentType = 'text/csv',
  field = 'file',
) {
  const boundary = `----hf${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** CSV text of these rows (cells as they are: no quoting), with Excel's BOM unless told. */
export const csv = (rows: string[][], bom = true) =>
  `${bom ? '\uFEFF' : ''}${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
