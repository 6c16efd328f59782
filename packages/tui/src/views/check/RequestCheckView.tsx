// `:check`: the request-check explainer. Ask (API, PEM file, token), then read each Gateway check
// and the first failure; `n` asks again, ctrl-r re-checks against the Dashboard as it is now.
import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { useApp, useViewKeys } from '../../app-context.ts';
import { useTableCursor } from '../../components/use-table-cursor.ts';
import { describeError, describeUserErrors } from '../../graphql/describe-error.ts';
import { RequestCheckQuery, type RequestCheckReport } from '../../graphql/operations/request-check.ts';
import type { ViewProps } from '../view-props.ts';
import { CheckForm, type CheckQuestion } from './CheckForm.tsx';
import { CheckReport } from './CheckReport.tsx';

export function RequestCheckView(_props: ViewProps) {
  const { client, dispatch, refresh } = useApp();
  const [question, setQuestion] = useState<CheckQuestion | null>(null);
  const [answer, setAnswer] = useState<{ report?: RequestCheckReport; error?: string } | null>(null);
  const [asking, setAsking] = useState(true);

  // The form's inputs own the keyboard while it is open.
  useEffect(() => {
    if (!asking) return;
    dispatch({ type: 'dialog/open' });
    return () => dispatch({ type: 'dialog/close' });
  }, [asking, dispatch]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: ctrl-r (refresh) checks again.
  useEffect(() => {
    if (!question) return;
    let current = true;
    setAnswer(null);
    void client
      .query(RequestCheckQuery, question)
      .toPromise()
      .then((result) => {
        if (!current) return;
        const payload = result.data?.requestCheck;
        if (result.error) setAnswer({ error: describeError(result.error) });
        else if (!payload?.report) setAnswer({ error: describeUserErrors(payload?.userErrors ?? []) });
        else setAnswer({ report: payload.report });
      });
    return () => {
      current = false;
    };
  }, [client, question, refresh]);

  const checks = answer?.report?.checks.length ?? 0;
  const { cursor, move } = useTableCursor(checks, Math.max(1, checks));

  useViewKeys((id) => {
    if (move(id)) return true;
    if (id !== 'newCheck') return false;
    setAsking(true);
    return true;
  });

  const ask = (q: CheckQuestion) => {
    setQuestion(q);
    setAsking(false);
  };
  if (asking) return <CheckForm onSubmit={ask} onCancel={() => setAsking(false)} />;
  if (!question)
    return <Text dimColor>Press n to check a request: API, the client's PEM file, its token.</Text>;
  if (!answer) return <Text dimColor>Asking the Dashboard…</Text>;
  if (answer.error) return <Text color="red">{answer.error} · n to try again</Text>;
  return answer.report ? <CheckReport report={answer.report} selected={cursor.index} /> : null;
}
