import { Image } from '@tarojs/components';
import { useEffect, useState } from 'react';
import defaultAvatar from '../../assets/avatar-default.png';
import { mediaUrl } from '../../utils/media';
import './index.scss';

export interface AvatarProps {
  /** As the BFF sent it: relative demo pictures are resolved against the BFF. */
  src?: string | null;
  className?: string;
}

/** A round avatar that falls back to the default picture when there is none or it fails to load. */
export function Avatar({ src, className = '' }: AvatarProps) {
  const [failed, setFailed] = useState(false);
  useEffect(() => setFailed(false), [src]);
  return (
    <Image
      className={`avatar ${className}`}
      src={src && !failed ? mediaUrl(src) : defaultAvatar}
      mode="aspectFill"
      onError={() => setFailed(true)}
    />
  );
}
