// Bulk import of a directory, in steps: provider (when several) → directory → name pattern →
// organisations → a dry run shown before anything is sent → `y` imports, with a progress bar from
// certificateImportProgress → what became of each refused file. Each step renders only its input.
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Text, useInput } from 'ink';
import { useCallback, useState } from 'react';
import { useApp } from '../../app-context.ts';
import { Bar } from '../../components/Bar.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { TextField } from '../../components/TextField.tsx';
import { mutate } from '../../graphql/mutate.ts';
import {
  CertificateImportMutation,
  CertificateImportProgressSubscription,
  type ImportCounts,
  type ImportReport,
} from '../../graphql/operations/certificate-import.ts';
import { flash } from '../../state/app-state.ts';
import { OrganisationPicker } from './OrganisationPicker.tsx';
import { ProviderStep } from './ProviderStep.tsx';
import { resolvePath } from './resolve-path.ts';

type Step = 'provider' | 'path' | 'pattern' | 'organisations' | 'checking' | 'checked' | 'importing' | 'done';

/** Files a directory export of client certificates holds. */
const PEM_FILE = /\.(pem|crt|cer)$/i;
/** Refused items listed under the counts; the rest are summed up. */
const SHOWN_REFUSALS = 8;

interface Files {
  readonly directory: string;
  readonly files: { name: string; text: string }[];
}

export function ImportDialog({ onClose }: { onClose: (changed: boolean) => void }) {
  const { client, dispatch, cwd } = useApp();
  const [step, setStep] = useState<Step>('provider');
  const [provider, setProvider] = useState<string | null>(null);
  const [files, setFiles] = useState<Files | null>(null);
  const [pattern, setPattern] = useState('{cn}');
  const [organisations, setOrganisations] = useState<string[]>([]);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chooseProvider = useCallback((id: string) => {
    setProvider(id);
    setStep('path');
  }, []);

  useInput(
    (input) => {
      if (input === 'y' || input === 'Y') void run(false);
      else if (input === 'n' || input === 'N') onClose(false);
    },
    { isActive: step === 'checked' && report !== null && report.total > report.counts.refused },
  );

  const read = async (typed: string) => {
    setError(null);
    const directory = resolvePath(typed, cwd);
    try {
      const names = (await readdir(directory)).filter((n) => PEM_FILE.test(n)).sort();
      if (names.length === 0) return setError(`No .pem, .crt or .cer file in ${directory}.`);
      const read = await Promise.all(
        names.map(async (name) => ({ name, text: await readFile(join(directory, name), 'utf8') })),
      );
      setFiles({ directory, files: read });
      setStep('pattern');
    } catch (e) {
      setError(`Cannot read ${directory}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };

  const run = async (dryRun: boolean, chosen = organisations) => {
    if (!files || !provider) return;
    setError(null);
    setStep(dryRun ? 'checking' : 'importing');
    const progressKey = randomUUID();
    const following = dryRun
      ? undefined
      : client.subscription(CertificateImportProgressSubscription, { progressKey }).subscribe((result) => {
          const event = result.data?.certificateImportProgress;
          if (event) setProgress({ done: event.done, total: event.total });
        });
    const outcome = await mutate(
      client,
      CertificateImportMutation,
      {
        input: {
          provider,
          files: files.files,
          organisations: chosen,
          namePattern: pattern.trim() === '' ? null : pattern.trim(),
          dryRun,
          ...(dryRun ? {} : { progressKey }),
        },
      },
      (d) => d.certificateImport,
    );
    following?.unsubscribe();
    if (!outcome.ok || !outcome.payload.report) {
      setStep('organisations');
      return setError(outcome.ok ? 'The server sent no report.' : outcome.message);
    }
    setReport(outcome.payload.report);
    setStep(dryRun ? 'checked' : 'done');
    if (!dryRun)
      dispatch(flash('info', `Imported from ${files.directory}: ${summary(outcome.payload.report.counts)}.`));
  };

  return (
    <Dialog
      title="Import a directory of certificates"
      onCancel={() => onClose(step === 'done')}
      footer={footer(step, report)}
    >
      {step === 'provider' ? <ProviderStep onChosen={chooseProvider} onError={setError} /> : null}
      {step === 'path' ? (
        <>
          <Text>Directory (its .pem, .crt and .cer files; a file may hold many certificates):</Text>
          <TextField placeholder="path/to/fleet" onSubmit={(v) => void read(v)} />
        </>
      ) : null}
      {files && step !== 'path' ? (
        <Text>
          {files.files.length} file{files.files.length === 1 ? '' : 's'} in {files.directory}
        </Text>
      ) : null}
      {step === 'pattern' ? (
        <>
          <Text>
            Name each (portal-only; {'{cn}'}, {'{n}'}, {'{file}'} are replaced; empty: no name):
          </Text>
          <TextField
            defaultValue={pattern}
            onSubmit={(v) => {
              setPattern(v);
              setStep('organisations');
            }}
          />
        </>
      ) : null}
      {step === 'organisations' ? (
        <>
          <Text>Organisations for all of them:</Text>
          <OrganisationPicker
            defaultValue={organisations}
            onSubmit={(ids) => {
              setOrganisations(ids);
              void run(true, ids);
            }}
          />
        </>
      ) : null}
      {step === 'checking' ? <Text dimColor>Checking every certificate (dry run)…</Text> : null}
      {step === 'importing' ? (
        <Text>
          Importing <Bar share={progress ? progress.done / Math.max(progress.total, 1) : 0} width={30} />{' '}
          {progress ? `${progress.done}/${progress.total}` : ''}
        </Text>
      ) : null}
      {report && (step === 'checked' || step === 'done') ? <ReportLines report={report} /> : null}
      {error ? <Text color="red">{error}</Text> : null}
    </Dialog>
  );
}

function ReportLines({ report }: { report: ImportReport }) {
  const refused = report.items.filter((i) => i.outcome === 'REFUSED');
  return (
    <>
      <Text bold>
        {report.dryRun ? 'Would import' : 'Imported'} {report.total}: {summary(report.counts)}
      </Text>
      {refused.slice(0, SHOWN_REFUSALS).map((i) => (
        <Text key={i.index} color="yellow" wrap="truncate-end">
          {i.file ?? '?'} #{i.block}: {i.error?.code} {i.error?.message}
        </Text>
      ))}
      {refused.length > SHOWN_REFUSALS ? (
        <Text dimColor>…and {refused.length - SHOWN_REFUSALS} more refused.</Text>
      ) : null}
    </>
  );
}

function summary(counts: ImportCounts): string {
  return `${counts.created} new, ${counts.restored} restored, ${counts.updated} already present, ${counts.refused} refused`;
}

function footer(step: Step, report: ImportReport | null): string {
  if (step === 'checked')
    return report && report.total > report.counts.refused ? 'y import  n cancel  esc cancel' : 'esc close';
  if (step === 'done') return 'esc close';
  return 'enter next  esc cancel';
}
