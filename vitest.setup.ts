// Entry-point duty (see src/core/train/step.ts): register tfjs gradients once for all tests.
// tfjs-core's index first, so its side effects (op handlers) run in the same module graph.
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
