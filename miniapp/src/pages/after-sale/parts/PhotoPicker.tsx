import { Image, Text, View } from '@tarojs/components';

export type PickedPhoto = { localPath: string; status: 'uploading' | 'done' | 'failed'; mediaId?: number; url?: string; message?: string };

interface PhotoPickerProps {
  photos: PickedPhoto[];
  max: number;
  onAdd: () => void;
  onRemove: (index: number) => void;
  onRetry: (index: number) => void;
}

/** 上传凭证: thumbnails (each uploading, done or failed with a retry) and the add tile, up to `max`. */
export function PhotoPicker({ photos, max, onAdd, onRemove, onRetry }: PhotoPickerProps) {
  return (
    <View className="as-photos">
      {photos.map((photo, index) => (
        <View key={photo.localPath} className="as-photos__item">
          <Image className="as-photos__image" src={photo.localPath} mode="aspectFill" />
          {photo.status === 'uploading' && <Text className="as-photos__veil">上传中…</Text>}
          {photo.status === 'failed' && (
            <Text className="as-photos__veil as-photos__veil--failed" onClick={() => onRetry(index)}>
              上传失败{'\n'}点击重试
            </Text>
          )}
          <View className="as-photos__remove" onClick={() => onRemove(index)}>
            <Text className="as-photos__remove-x">×</Text>
          </View>
        </View>
      ))}
      {photos.length < max && (
        <View className="as-photos__add" onClick={onAdd}>
          <Text className="as-photos__plus">+</Text>
          <Text className="as-photos__count">
            {photos.length}/{max}
          </Text>
        </View>
      )}
    </View>
  );
}
