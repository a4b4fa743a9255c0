import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { choosePhotos, type LocalPhoto } from '../../platform/media';
import {
  createAfterSale,
  getAfterSaleOptions,
  MAX_PHOTOS,
  uploadAfterSalePhoto,
  type AfterSaleOptions,
  type AfterSaleReason,
  type AfterSaleType,
} from '../../services/aftersale';
import { errorMessage } from '../../services/errors';
import { newIdempotencyKey } from '../../utils/checkout';
import type { PickedPhoto } from './parts/PhotoPicker';

export type LineChoice = { picked: boolean; qty: number; exchangeSkuId: number | null };

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; options: AfterSaleOptions };

/** The 申请售后 form: options from the BFF, the customer's choices, photos uploaded as they are picked, and the submit. */
export function useApply(orderId: number) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [type, setType] = useState<AfterSaleType>('return');
  const [reason, setReason] = useState<AfterSaleReason | null>(null);
  const [description, setDescription] = useState('');
  const [lines, setLines] = useState<Record<number, LineChoice>>({});
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const files = useRef(new Map<string, LocalPhoto>());
  // One key per filled-in request: a retry after a lost answer is the same request.
  const key = useRef<string | null>(null);

  const fetchOptions = useCallback(async () => {
    setLoad({ status: 'loading' });
    try {
      const options = await getAfterSaleOptions(orderId, { silent: true });
      setLoad({ status: 'ready', options });
      if (!options.returnAllowed) setType('exchange');
      const open = options.lines.filter((l) => l.availableQty > 0 && !l.open);
      // One line to choose from: it is the one.
      setLines(
        Object.fromEntries(
          options.lines.map((l) => [l.orderLineId, { picked: open.length === 1 && open[0] === l, qty: 1, exchangeSkuId: null }]),
        ),
      );
    } catch (error) {
      setLoad({ status: 'error', message: errorMessage(error) });
    }
  }, [orderId]);

  useEffect(() => {
    void fetchOptions();
  }, [fetchOptions]);

  const changed = () => {
    key.current = null;
  };

  const updateLine = (orderLineId: number, patch: Partial<LineChoice>) => {
    changed();
    setLines((current) => ({ ...current, [orderLineId]: { ...current[orderLineId], ...patch } }));
  };

  const upload = async (photo: LocalPhoto) => {
    setPhotos((list) => list.map((p) => (p.localPath === photo.path ? { ...p, status: 'uploading' } : p)));
    try {
      const media = await uploadAfterSalePhoto(photo);
      setPhotos((list) => list.map((p) => (p.localPath === photo.path ? { ...p, status: 'done', mediaId: media.id, url: media.url } : p)));
    } catch (error) {
      setPhotos((list) => list.map((p) => (p.localPath === photo.path ? { ...p, status: 'failed', message: errorMessage(error) } : p)));
      void Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 2500 });
    }
  };

  const addPhotos = async () => {
    let picked: LocalPhoto[];
    try {
      picked = await choosePhotos(MAX_PHOTOS - photos.length);
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
      return;
    }
    if (picked.length === 0) return;
    changed();
    for (const photo of picked) files.current.set(photo.path, photo);
    setPhotos((list) => [...list, ...picked.map((p) => ({ localPath: p.path, status: 'uploading' as const }))]);
    await Promise.all(picked.map(upload));
  };

  const removePhoto = (index: number) => {
    changed();
    setPhotos((list) => list.filter((_, i) => i !== index));
  };
  const retryPhoto = (index: number) => {
    const photo = files.current.get(photos[index]?.localPath ?? '');
    if (photo) void upload(photo);
  };

  const chosen = load.status === 'ready' ? load.options.lines.filter((l) => lines[l.orderLineId]?.picked) : [];
  const problem =
    chosen.length === 0
      ? '请选择要售后的商品'
      : type === 'exchange' && chosen.some((l) => !lines[l.orderLineId].exchangeSkuId)
        ? '请选择要换的规格'
        : reason === null
          ? '请选择售后原因'
          : photos.some((p) => p.status === 'uploading')
            ? '图片上传中，请稍候'
            : photos.some((p) => p.status === 'failed')
              ? '有图片上传失败，请重试或删除'
              : null;

  /** Sends the request; resolves with its id, or null when it was refused (the reason is toasted). */
  const submit = async (): Promise<number | null> => {
    if (problem) {
      void Taro.showToast({ title: problem, icon: 'none' });
      return null;
    }
    key.current ??= newIdempotencyKey();
    setSubmitting(true);
    try {
      const created = await createAfterSale(
        orderId,
        {
          type,
          reason: reason!,
          description: description.trim(),
          lines: chosen.map((l) => ({
            orderLineId: l.orderLineId,
            qty: lines[l.orderLineId].qty,
            ...(type === 'exchange' ? { exchangeSkuId: lines[l.orderLineId].exchangeSkuId! } : {}),
          })),
          photoIds: photos.map((p) => p.mediaId!),
        },
        key.current,
        { silent: true },
      );
      return created.id;
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none', duration: 2500 });
      return null;
    } finally {
      setSubmitting(false);
    }
  };

  return {
    load,
    reload: fetchOptions,
    type,
    setType: (next: AfterSaleType) => {
      changed();
      setType(next);
    },
    reason,
    setReason: (next: AfterSaleReason) => {
      changed();
      setReason(next);
    },
    description,
    setDescription: (next: string) => {
      changed();
      setDescription(next);
    },
    lines,
    updateLine,
    photos,
    addPhotos,
    removePhoto,
    retryPhoto,
    problem,
    submitting,
    submit,
  };
}
