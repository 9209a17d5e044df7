import {
  CalendarOutlined, CheckSquareOutlined, ClockCircleOutlined, DollarOutlined, FieldNumberOutlined, FileTextOutlined,
  PaperClipOutlined, QuestionOutlined, TableOutlined, TeamOutlined, UnorderedListOutlined, UserOutlined,
} from '@ant-design/icons';
import type { FieldType } from '#server/engine/form-record';

const ICONS: Record<FieldType, typeof FileTextOutlined> = {
  text: FileTextOutlined,
  number: FieldNumberOutlined,
  money: DollarOutlined,
  date: CalendarOutlined,
  datetime: ClockCircleOutlined,
  option: CheckSquareOutlined,
  options: UnorderedListOutlined,
  person: UserOutlined,
  department: TeamOutlined,
  attachment: PaperClipOutlined,
  table: TableOutlined,
  unknown: QuestionOutlined,
};

/** The form field's type at a glance: amounts, dates, people and detail tables look different in the tree. */
export function FieldTypeIcon({ type }: { type: FieldType }) {
  const Icon = ICONS[type] ?? QuestionOutlined;
  return <Icon aria-label={type} style={{ color: type === 'money' ? '#d48806' : '#8c8c8c' }} />;
}
