import type { ModelList } from '../lib/types';

export function ModelPicker({ models, value, onChange }: { models: ModelList; value: string | null; onChange: (id: string) => void }) {
  if (!models.configured || models.models.length === 0) return null;
  const current = value ?? models.default ?? models.models[0].id;
  return (
    <label className="model-picker">
      <span className="visually-hidden">Model</span>
      <select value={current} onChange={(e) => onChange(e.target.value)} data-testid="model-picker">
        {models.models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.displayName || m.id}
          </option>
        ))}
        {!models.models.some((m) => m.id === current) && <option value={current}>{current} (unavailable)</option>}
      </select>
    </label>
  );
}
