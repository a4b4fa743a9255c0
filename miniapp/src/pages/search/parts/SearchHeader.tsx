import { Image, Input, Text, View } from '@tarojs/components';
import searchIcon from '../../../assets/search.png';

interface SearchHeaderProps {
  value: string;
  /** Typing (suggestions showing) rather than looking at results. */
  editing: boolean;
  onChange: (value: string) => void;
  onFocus: () => void;
  onSubmit: () => void;
  onCancel: () => void;
}

/** The search box: 搜索 while typing, 取消 back to the results. */
export function SearchHeader({ value, editing, onChange, onFocus, onSubmit, onCancel }: SearchHeaderProps) {
  return (
    <View className="search-header">
      <View className="search-header__box">
        <Image className="search-header__icon" src={searchIcon} />
        <Input
          className="search-header__input"
          value={value}
          focus={editing}
          placeholder="搜索商品、品牌，支持拼音"
          placeholderClass="search-header__placeholder"
          confirmType="search"
          maxlength={50}
          onInput={(event) => onChange(event.detail.value)}
          onFocus={onFocus}
          onConfirm={onSubmit}
        />
        {editing && value !== '' && (
          <View className="search-header__clear" onClick={() => onChange('')}>
            <View className="search-header__clear-x" />
          </View>
        )}
      </View>
      {editing ? (
        <Text className="search-header__action search-header__action--primary" onClick={onSubmit}>
          搜索
        </Text>
      ) : (
        <Text className="search-header__action" onClick={onCancel}>
          取消
        </Text>
      )}
    </View>
  );
}
