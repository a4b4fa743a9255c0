import Taro from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../services/errors';
import { getClaimTokens, getStoreQrTemplates, mintClaimToken, revokeClaimToken, type ClaimToken } from '../../services/staff';

/** A template staff may mint a token for (a store_qr one). */
export interface TokenTemplate {
  id: number;
  name: string;
  /** The rule in words when known (满99减15). */
  label: string | null;
}

export type TokenListState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: ClaimToken[] };

/** The token just minted (or reopened from the list), shown as a QR. */
export interface ShownToken {
  id: number;
  templateName: string;
  token: string;
  qrPath: string;
  expiresAt: string;
  maxClaims: number | null;
}

export const MINUTE_CHOICES = [30, 60, 240, 1440] as const;

/**
 * 生成领券码: the store_qr templates to choose from, minting a token (minutes, optional max
 * claims), my store's tokens with their counts, and 停用. The templates are the ones the store
 * may hand out (GET /api/staff/coupon-templates); a template number can still be typed, and
 * templates of tokens already minted stay listed while the list loads.
 */
export function useClaimTokens() {
  const [list, setList] = useState<TokenListState>({ status: 'loading' });
  const [storeTemplates, setStoreTemplates] = useState<TokenTemplate[]>([]);
  const [minting, setMinting] = useState(false);
  const [revoking, setRevoking] = useState<number | null>(null);
  const [shown, setShown] = useState<ShownToken | null>(null);

  const reload = useCallback(async () => {
    try {
      setList({ status: 'ready', items: await getClaimTokens({ silent: true }) });
    } catch (error) {
      setList((previous) => (previous.status === 'ready' ? previous : { status: 'error', message: errorMessage(error) }));
    }
  }, []);

  useEffect(() => {
    void reload();
    getStoreQrTemplates({ silent: true }).then(
      (items) => setStoreTemplates(items.map((t) => ({ id: t.templateId, name: t.name, label: t.face.label }))),
      () => undefined,
    );
  }, [reload]);

  const templates = useMemo<TokenTemplate[]>(() => {
    if (storeTemplates.length > 0) return storeTemplates;
    const seen = new Map<number, TokenTemplate>();
    if (list.status === 'ready') {
      for (const token of list.items) {
        if (!seen.has(token.templateId)) seen.set(token.templateId, { id: token.templateId, name: token.templateName, label: null });
      }
    }
    return [...seen.values()];
  }, [storeTemplates, list]);

  const mint = useCallback(
    async (input: { templateId: number; templateName: string; minutes: number; maxClaims: number | null }) => {
      if (minting) return;
      setMinting(true);
      try {
        const minted = await mintClaimToken({
          templateId: input.templateId,
          expiresInMinutes: input.minutes,
          ...(input.maxClaims ? { maxClaims: input.maxClaims } : {}),
        });
        setShown({
          id: minted.id,
          templateName: input.templateName,
          token: minted.token,
          qrPath: minted.qrPath,
          expiresAt: minted.expiresAt,
          maxClaims: input.maxClaims,
        });
        void reload();
      } catch {
        // The wrapper showed why (模板不存在, 不是扫码领券的券, 已结束).
      } finally {
        setMinting(false);
      }
    },
    [minting, reload],
  );

  const revoke = useCallback(
    async (token: ClaimToken) => {
      const { confirm } = await Taro.showModal({
        title: '停用领券码',
        content: `停用后顾客将无法再扫码领取「${token.templateName}」，确定停用？`,
        confirmText: '停用',
        cancelText: '取消',
        confirmColor: '#e93b3d',
      });
      if (!confirm) return;
      setRevoking(token.id);
      try {
        await revokeClaimToken(token.id);
        void Taro.showToast({ title: '已停用', icon: 'none' });
        if (shown?.id === token.id) setShown(null);
        await reload();
      } catch {
        // Toasted by the wrapper.
      } finally {
        setRevoking(null);
      }
    },
    [reload, shown],
  );

  const show = (token: ClaimToken) =>
    setShown({
      id: token.id,
      templateName: token.templateName,
      token: token.token,
      qrPath: token.qrPath,
      expiresAt: token.expiresAt,
      maxClaims: token.maxClaims,
    });

  return { list, templates, minting, revoking, shown, mint, revoke, show, hide: () => setShown(null), reload };
}
