/**
 * Page entry: boots the store and the worker, renders the lab. Everything else lives in
 * src/ui; the page never imports tfjs (lint-enforced).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bootLab } from './ui/app/boot.ts';
import { App } from './ui/components/App.tsx';
import './ui/styles/base.css';

const store = bootLab();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
