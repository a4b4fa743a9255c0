import { resetTaro, storage, taro } from './support/taro';

jest.mock('@tarojs/taro', () => jest.requireActual('./support/taro').taroModule);

type UploadOption = { url: string; filePath: string; name: string; formData: Record<string, string>; header: Record<string, string> };
const wx = taro as typeof taro & { chooseMedia: jest.Mock; uploadFile: jest.Mock };
Object.assign(wx, { chooseMedia: jest.fn(), uploadFile: jest.fn() });

type Modules = { media: typeof import('../src/platform/media'); aftersale: typeof import('../src/services/aftersale') };

/** platform/media.ts and services/aftersale.ts loaded fresh for the weapp build. */
function load(): Modules {
  process.env.TARO_ENV = 'weapp';
  let modules!: Modules;
  jest.isolateModules(() => {
    modules = { media: jest.requireActual('../src/platform/media'), aftersale: jest.requireActual('../src/services/aftersale') };
  });
  return modules;
}

beforeEach(() => {
  resetTaro();
  wx.chooseMedia.mockReset();
  wx.uploadFile.mockReset();
});

test('choosePhotos asks WeChat for images from the album or the camera and keeps path and size', async () => {
  const { media } = load();
  wx.chooseMedia.mockResolvedValue({
    tempFiles: [{ tempFilePath: 'wxfile://a.jpg', size: 1200, fileType: 'image' }],
    errMsg: 'chooseMedia:ok',
  });
  await expect(media.choosePhotos(4)).resolves.toEqual([{ path: 'wxfile://a.jpg', size: 1200 }]);
  expect(wx.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ count: 4, mediaType: ['image'], sourceType: ['album', 'camera'] }));
});

test('closing the picker is no photo, not an error; other failures are', async () => {
  const { media } = load();
  wx.chooseMedia.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail cancel' });
  await expect(media.choosePhotos(6)).resolves.toEqual([]);
  wx.chooseMedia.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail no permission' });
  await expect(media.choosePhotos(6)).rejects.toEqual({ errMsg: 'chooseMedia:fail no permission' });
  await expect(media.choosePhotos(0)).resolves.toEqual([]);
  expect(wx.chooseMedia).toHaveBeenCalledTimes(2);
});

test('a photo is uploaded with uploadFile as the signed-in member, and the answer is the media', async () => {
  const { aftersale } = load();
  storage.set('auth.token', 'tok-123');
  wx.uploadFile.mockResolvedValue({
    statusCode: 201,
    data: JSON.stringify({ id: 7, url: 'http://bff.test/media/abc.png', mime: 'image/png', sizeBytes: 1200 }),
  });
  await expect(aftersale.uploadAfterSalePhoto({ path: 'wxfile://a.png', size: 1200 })).resolves.toEqual({
    id: 7,
    url: 'http://bff.test/media/abc.png',
    mime: 'image/png',
    sizeBytes: 1200,
  });
  const option = wx.uploadFile.mock.calls[0][0] as UploadOption;
  expect(option).toMatchObject({
    url: 'http://bff.test/api/media',
    filePath: 'wxfile://a.png',
    name: 'file',
    formData: { purpose: 'after_sale' },
  });
  expect(option.header).toEqual({ Authorization: 'Bearer tok-123' });
});

test('the BFF’s refusal becomes its Chinese message; a file over 5 MB is refused before anything is sent', async () => {
  const { aftersale } = load();
  wx.uploadFile.mockResolvedValue({
    statusCode: 422,
    data: JSON.stringify({ code: 'MEDIA_TYPE_NOT_ALLOWED', message: '仅支持 JPG、PNG、WebP 格式的图片' }),
  });
  await expect(aftersale.uploadAfterSalePhoto({ path: 'wxfile://a.gif', size: 10 })).rejects.toMatchObject({
    code: 'MEDIA_TYPE_NOT_ALLOWED',
    message: '仅支持 JPG、PNG、WebP 格式的图片',
    status: 422,
  });
  wx.uploadFile.mockResolvedValue({ statusCode: 413, data: JSON.stringify({ code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' }) });
  await expect(aftersale.uploadAfterSalePhoto({ path: 'wxfile://b.jpg', size: 10 })).rejects.toMatchObject({
    message: '图片不能超过 5MB，请换一张',
  });
  wx.uploadFile.mockClear();
  await expect(aftersale.uploadAfterSalePhoto({ path: 'wxfile://big.jpg', size: aftersale.MAX_PHOTO_BYTES + 1 })).rejects.toMatchObject({
    code: 'PAYLOAD_TOO_LARGE',
  });
  expect(wx.uploadFile).not.toHaveBeenCalled();
  wx.uploadFile.mockRejectedValue({ errMsg: 'uploadFile:fail timeout' });
  await expect(aftersale.uploadAfterSalePhoto({ path: 'wxfile://c.jpg', size: 10 })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
});
