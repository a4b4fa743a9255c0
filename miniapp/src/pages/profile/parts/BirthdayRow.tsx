import { Picker, Text, View } from '@tarojs/components';
import { formatDateChinese, shanghaiToday } from '../../../utils/time';
import { FormRow } from './FormRow';

interface BirthdayRowProps {
  /** The saved birthday; once set it is read-only. */
  saved: string | null;
  /** Picked but not saved yet. */
  picked: string | null;
  onPick: (date: string) => void;
}

const DEFAULT_PICKER_DATE = '1995-01-01';

/** A date picker until the birthday is saved, then plain text: it can be set only once. */
export function BirthdayRow({ saved, picked, onPick }: BirthdayRowProps) {
  if (saved) {
    return (
      <FormRow label="生日" note="生日设置后不可修改" className="profile-birthday profile-birthday--locked">
        <Text className="form-row__text">{formatDateChinese(saved)}</Text>
      </FormRow>
    );
  }
  return (
    <Picker
      mode="date"
      value={picked ?? DEFAULT_PICKER_DATE}
      start="1900-01-01"
      end={shanghaiToday()}
      onChange={(event) => onPick(event.detail.value)}
    >
      <FormRow label="生日" arrow note="设置后不可修改，白银及以上会员生日当天送券" className="profile-birthday">
        <View>
          {picked ? (
            <Text className="form-row__text">{formatDateChinese(picked)}</Text>
          ) : (
            <Text className="form-row__placeholder">请选择生日</Text>
          )}
        </View>
      </FormRow>
    </Picker>
  );
}
