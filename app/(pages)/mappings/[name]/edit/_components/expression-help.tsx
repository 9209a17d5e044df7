'use client';

import { Collapse, Typography } from 'antd';
import { DECIMAL_FUNCTIONS, DECIMAL_FUNCTIONS_TITLE } from '#server/engine/expression/decimal-functions';
import { useI18n } from '../../../../../_i18n/client';

/**
 * The exact decimal functions every expression can call, listed from the very declaration that registers them
 * in the engine, so the help can never name a function the engine lacks (or miss one it has).
 */
export function ExpressionHelp() {
  const { label } = useI18n();
  const title = label(DECIMAL_FUNCTIONS_TITLE) ?? DECIMAL_FUNCTIONS_TITLE.en;
  return (
    <Collapse
      size="small"
      ghost
      style={{ marginBottom: 8 }}
      items={[
        {
          key: 'decimal',
          label: title,
          children: (
            <dl aria-label={title} style={{ margin: 0 }}>
              {DECIMAL_FUNCTIONS.map((f) => (
                <div key={f.name} style={{ marginBottom: 6 }}>
                  <dt>
                    <Typography.Text code>{`$${f.name}${f.params}`}</Typography.Text>
                  </dt>
                  <dd style={{ margin: 0 }}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {label(f.description)}
                    </Typography.Text>
                    <br />
                    <Typography.Text className="mono" style={{ fontSize: 12 }}>{`${f.example} → ${f.exampleResult}`}</Typography.Text>
                  </dd>
                </div>
              ))}
            </dl>
          ),
        },
      ]}
    />
  );
}
