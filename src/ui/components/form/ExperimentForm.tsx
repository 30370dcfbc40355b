/** The experiment: presets, architecture and mode, recipe, data subset, seed, backend, cost. */
import { useLab } from '../../app/labStore.ts';
import { ArchitectureFields } from './ArchitectureFields.tsx';
import { CostNote } from './CostNote.tsx';
import { BackendField, SeedField, SubsetFields } from './DataFields.tsx';
import { Presets } from './Presets.tsx';
import { RecipeFields } from './RecipeFields.tsx';

export function ExperimentForm() {
  const hide = useLab((s) => s.hide);
  const embed = useLab((s) => s.embed);
  const hidden = (k: 'config' | 'recipe' | 'backend') => embed && hide.includes(k);
  if (hidden('config')) return null;
  return (
    <section className="panel" aria-labelledby="experiment-h" data-testid="panel.config">
      <h2 id="experiment-h">Experiment</h2>
      <form onSubmit={(e) => e.preventDefault()} noValidate>
        <Presets />
        <ArchitectureFields />
        {hidden('recipe') ? null : (
          <details data-testid="panel.recipe">
            <summary>Training recipe</summary>
            <RecipeFields />
          </details>
        )}
        <SubsetFields />
        <div className="field-grid">
          <SeedField />
          {hidden('backend') ? null : <BackendField />}
        </div>
        <CostNote />
      </form>
    </section>
  );
}
