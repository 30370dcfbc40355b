/**
 * Layout only: header, banners; the experiment, run controls, data and saved runs on one side,
 * charts, results and sharing on the other; one column on narrow screens, in the same order
 * (so the tab order always follows what is seen). Reads the URL once
 * (useUrlSync), then starts the lab (backend, saved runs, served data).
 */
import { useEffect } from 'react';
import { startLab } from '../app/boot.ts';
import { useLab } from '../app/labStore.ts';
import { useUrlSync } from '../hooks/useUrlSync.ts';
import type { LabStore } from '../store/index.ts';
import { Banners } from './Banners.tsx';
import { Charts } from './charts/Charts.tsx';
import { DataPanel } from './data/DataPanel.tsx';
import { ExperimentForm } from './form/ExperimentForm.tsx';
import { ResultsPanel } from './results/ResultsPanel.tsx';
import { BackendBadge } from './run/BackendBadge.tsx';
import { ProgressBar } from './run/ProgressBar.tsx';
import { RunControls } from './run/RunControls.tsx';
import { RunsList } from './runs/RunsList.tsx';
import { SharePanel } from './share/SharePanel.tsx';

export function App({ store }: { store: LabStore }) {
  useUrlSync();
  useEffect(() => void startLab(store), [store]);
  const embed = useLab((s) => s.embed);
  useEffect(() => {
    document.documentElement.classList.toggle('embed', embed);
  }, [embed]);
  return (
    <div className="app" data-testid="app" data-embed={embed || undefined}>
      <header className="app-header">
        <div>
          <h1>Training BatchNorm and only BatchNorm</h1>
          <p>Freeze a random ResNet, train only γ and β, and watch it learn CIFAR-10 — Frankle, Schwab &amp; Morcos, ICLR 2021.</p>
        </div>
        <BackendBadge />
      </header>
      <Banners />
      <main className="layout">
        <div className="column">
          <ExperimentForm />
          <RunControls />
          <ProgressBar />
          <DataPanel />
          <RunsList />
        </div>
        <div className="column">
          <Charts />
          <ResultsPanel />
          <SharePanel />
        </div>
      </main>
    </div>
  );
}
