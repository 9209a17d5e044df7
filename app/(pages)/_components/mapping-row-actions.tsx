'use client';

import { CopyOutlined, DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../_i18n/client';
import { useTRPC } from '../../_trpc/client';

/** Copy a mapping under a new name, or delete a draft that was never published. */
export function MappingRowActions({ name }: { name: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.mappings.pathKey() });
  const duplicate = useMutation(trpc.mappings.duplicate.mutationOptions({ onSuccess: refresh, onError: (e) => message.error(e.message) }));
  const remove = useMutation(trpc.mappings.delete.mutationOptions({ onSuccess: refresh, onError: (e) => message.error(e.message) }));

  const askCopyName = () => {
    let copyName = `${name}.copy`;
    modal.confirm({
      title: t('mappings.duplicateTitle'),
      icon: <CopyOutlined />,
      content: <Input aria-label={t('mappings.duplicateName')} defaultValue={copyName} className="mono" onChange={(e) => (copyName = e.target.value.trim())} />,
      okText: t('mappings.duplicate'),
      onOk: () => duplicate.mutateAsync({ from: name, to: copyName }),
    });
  };
  const [confirming, setConfirming] = useState(false);
  return (
    <Space size={4}>
      <Button size="small" type="text" icon={<CopyOutlined />} aria-label={t('mappings.duplicateOf', { name })} onClick={askCopyName} />
      <Popconfirm
        open={confirming}
        onOpenChange={setConfirming}
        title={t('mappings.deleteTitle')}
        description={t('mappings.deleteBody')}
        okText={t('mappings.delete')}
        okButtonProps={{ danger: true, loading: remove.isPending }}
        onConfirm={() => remove.mutateAsync({ name })}
      >
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('mappings.deleteOf', { name })} />
      </Popconfirm>
    </Space>
  );
}
