/**
 * Browser storage used by this site (parsed data cache, saved runs), persistent-storage
 * status, and a button that clears the data cache while keeping saved runs.
 */
import { useEffect, useState } from 'react';
import { useLab } from '../../app/labStore.ts';
import { clearDataCache, storageStatus, type StorageStatus } from '../../data/storage.ts';
import { formatBytes } from '../../lib/format.ts';

export function CacheStatus() {
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Usage changes when data is cached and when runs are saved.
  const dataStatus = useLab((s) => s.data.status);
  const runs = useLab((s) => s.runs.length);
  const refresh = () => void storageStatus().then(setStatus);
  useEffect(refresh, [dataStatus, runs]);
  if (!status) return null;
  return (
    <div className="row small" style={{ marginTop: '0.6rem' }} data-testid="data.cache">
      <span className="muted">
        Storage: {formatBytes(status.usage)}{status.quota ? ` of ${formatBytes(status.quota)}` : ''} used
        {status.persisted ? ' (persistent)' : ''}.
      </span>
      <button type="button" data-testid="data.clearCache" onClick={async () => {
        setMessage(await clearDataCache());
        refresh();
      }}>Clear cached data</button>
      {message ? <span role="status">{message}</span> : null}
    </div>
  );
}
