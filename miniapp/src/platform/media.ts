import Taro from '@tarojs/taro';

/**
 * Photos from the phone (after-sale photos; product images later), the platform difference kept
 * here: on weapp `chooseMedia` picks from the album or the camera and `uploadFile` sends the file;
 * on H5 a hidden `<input type=file>` picks and `fetch` sends a FormData.
 */

/** A picked photo: a path an `Image` can show, its size, and on H5 the File itself. */
export type LocalPhoto = { path: string; size: number; file?: File };

/** Picked with the types the BFF accepts (it checks the bytes again). */
const ACCEPT = 'image/jpeg,image/png,image/webp';

/** Lets the customer pick up to `count` photos; an empty list when they closed the picker. */
export async function choosePhotos(count: number): Promise<LocalPhoto[]> {
  if (count <= 0) return [];
  if (process.env.TARO_ENV === 'h5') return chooseInBrowser(count);
  try {
    const { tempFiles } = await Taro.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
    });
    return tempFiles.map((f) => ({ path: f.tempFilePath, size: f.size }));
  } catch (error) {
    if (/cancel/i.test((error as { errMsg?: string } | null)?.errMsg ?? '')) return [];
    throw error;
  }
}

function chooseInBrowser(count: number): Promise<LocalPhoto[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = ACCEPT;
    input.multiple = count > 1;
    input.style.display = 'none';
    input.setAttribute('data-testid', 'photo-input');
    const done = (photos: LocalPhoto[]) => {
      input.remove();
      resolve(photos);
    };
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).slice(0, count);
      done(files.map((file) => ({ path: URL.createObjectURL(file), size: file.size, file })));
    });
    input.addEventListener('cancel', () => done([]));
    document.body.appendChild(input);
    input.click();
  });
}

/** What the upload answered: the HTTP status and the parsed JSON body (null when it was not JSON). */
export type UploadAnswer = { status: number; body: unknown };

/**
 * Sends one photo as multipart/form-data (field `file`, plus `fields`) to `url`. Rejects only when
 * no HTTP answer came back; the caller reads the status and body.
 */
export async function uploadPhoto(
  url: string,
  photo: LocalPhoto,
  fields: Record<string, string>,
  header: Record<string, string>,
): Promise<UploadAnswer> {
  if (process.env.TARO_ENV === 'h5') {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('file', photo.file!, photo.file!.name);
    const response = await fetch(url, { method: 'POST', body: form, headers: header });
    return { status: response.status, body: await response.json().catch(() => null) };
  }
  const answer = await Taro.uploadFile({ url, filePath: photo.path, name: 'file', formData: fields, header });
  let body: unknown = null;
  try {
    body = JSON.parse(answer.data);
  } catch {
    body = null;
  }
  return { status: answer.statusCode, body };
}
