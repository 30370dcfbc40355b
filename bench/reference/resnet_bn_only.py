#!/usr/bin/env python3
"""PyTorch reference for the training step that `npm run bench:node` / `npm run bench` time.

The same CIFAR ResNet as src/core/model (see /work/shared/docs/paper.md, "Architecture"):
conv3x3 stem -> BN -> ReLU; 3 stages of N post-activation basic blocks (widths W, 2W, 4W,
stride 2 entering stages 2 and 3) with a 1x1 stride-2 conv + BN projection shortcut where
the shape changes; global average pool; dense(4W -> 10). Kaiming-normal (fan_in) conv and
dense weights, dense bias U(+-1/sqrt(fan_in)), BN gamma ~ U[0,1), beta = 0, eps 1e-5,
running-stat momentum 0.1.

The step: upload a batch of random N(0,1) images and random labels (as our Trainer uploads
each batch), forward in training mode, softmax cross-entropy, backward, SGD (momentum 0.9,
weight decay 1e-4, lr 0.1) on the trainable tensors only. In mode `bn` every conv and the
dense layer are frozen (requires_grad=False): no gradient, no momentum, no decay.

Timing matches ours: each step is timed from the upload to the end of the device work
(torch.cuda.synchronize(), as our read-back waits for the device); cases alternate
round-robin; the median over the timed steps gives images/s. One JSON line per case, the
same shape as a row of our benchmarks' JSON (scripts/lib/benchTable.ts, BenchRow), so
`npm run bench:node -- --webgpu --reference FILE` prints the ratio. Also reported:
`imagesPerSecondPipelined`, steps queued back to back with one synchronisation at the end
(how PyTorch trains in practice).

Run (CUDA when available, with cudnn.benchmark):
    python3 bench/reference/resnet_bn_only.py                 # ResNet-14, bn, batch 128
    python3 bench/reference/resnet_bn_only.py --mode bn,all --depth 14,32 > bench/results/pytorch.jsonl
Needs: python >= 3.8, torch >= 1.12 (nothing else).
"""
import argparse
import json
import math
import platform
import statistics
import sys
import time

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:  # pragma: no cover - depends on the machine
    sys.stderr.write("resnet_bn_only.py: PyTorch is not installed (pip install torch)\n")
    sys.exit(2)

# (BN params, total params) from paper.md, a check that this is the same network.
KNOWN_COUNTS = {
    14: (1120, 175258),
    32: (2464, 466906),
    56: (4256, 855770),
    110: (8288, 1730714),
}


def kaiming_normal_fan_in(w):
    fan_in = w[0].numel()
    with torch.no_grad():
        w.normal_(0.0, math.sqrt(2.0 / fan_in))


def batch_norm(channels):
    bn = nn.BatchNorm2d(channels, eps=1e-5, momentum=0.1)
    with torch.no_grad():
        bn.weight.uniform_(0.0, 1.0)
        bn.bias.zero_()
    return bn


class Block(nn.Module):
    """Post-activation basic block: relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = batch_norm(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, stride=1, padding=1, bias=False)
        self.bn2 = batch_norm(cout)
        self.short = None
        if stride != 1 or cin != cout:
            self.short = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), batch_norm(cout))
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                kaiming_normal_fan_in(m.weight)

    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))
        h = self.bn2(self.conv2(h))
        return F.relu(h + (self.short(x) if self.short is not None else x))


class CifarResNet(nn.Module):
    def __init__(self, depth, width):
        super().__init__()
        if depth < 8 or (depth - 2) % 6:
            raise ValueError("depth %d is not of the form 6N+2" % depth)
        n = (depth - 2) // 6
        self.stem = nn.Conv2d(3, width, 3, stride=1, padding=1, bias=False)
        kaiming_normal_fan_in(self.stem.weight)
        self.stem_bn = batch_norm(width)
        blocks = []
        cin = width
        for s in range(3):
            cout = width * 2 ** s
            for b in range(n):
                blocks.append(Block(cin, cout, 2 if s > 0 and b == 0 else 1))
                cin = cout
        self.blocks = nn.Sequential(*blocks)
        self.fc = nn.Linear(cin, 10)
        kaiming_normal_fan_in(self.fc.weight)
        with torch.no_grad():
            bound = 1.0 / math.sqrt(cin)
            self.fc.bias.uniform_(-bound, bound)

    def forward(self, x):
        h = F.relu(self.stem_bn(self.stem(x)))
        h = self.blocks(h)
        h = F.adaptive_avg_pool2d(h, 1).flatten(1)
        return self.fc(h)


def bn_parameters(model):
    return [p for m in model.modules() if isinstance(m, nn.BatchNorm2d) for p in (m.weight, m.bias)]


def set_mode(model, mode):
    """Marks what trains; returns the trainable tensors."""
    if mode == "all":
        trainable = list(model.parameters())
    elif mode == "bn":
        trainable = bn_parameters(model)
    else:
        raise ValueError("mode %r: this reference runs bn and all" % mode)
    ids = {id(p) for p in trainable}
    for p in model.parameters():
        p.requires_grad_(id(p) in ids)
    return trainable


def check_counts(model, depth, width):
    bn = sum(p.numel() for p in bn_parameters(model))
    total = sum(p.numel() for p in model.parameters())
    if width == 16 and depth in KNOWN_COUNTS and (bn, total) != KNOWN_COUNTS[depth]:
        raise AssertionError("ResNet-%d has %d BN / %d total parameters; paper.md says %r" % (depth, bn, total, KNOWN_COUNTS[depth]))
    return bn, total


class Case:
    """One configuration's model, optimizer, batch and measurements."""

    def __init__(self, depth, width, mode, batch, device, seed):
        torch.manual_seed(seed)
        self.depth, self.width, self.mode, self.batch, self.device = depth, width, mode, batch, device
        self.model = CifarResNet(depth, width).to(device).train()
        self.bn_params, self.total_params = check_counts(self.model, depth, width)
        trainable = set_mode(self.model, mode)
        self.trainable_params = sum(p.numel() for p in trainable)
        self.opt = torch.optim.SGD(trainable, lr=0.1, momentum=0.9, weight_decay=1e-4)
        pin = device.type == "cuda"
        self.x_host = torch.randn(batch, 3, 32, 32).pin_memory() if pin else torch.randn(batch, 3, 32, 32)
        self.y_host = torch.randint(0, 10, (batch,)).pin_memory() if pin else torch.randint(0, 10, (batch,))
        self.correct = torch.zeros((), device=device)
        self.warmup_ms, self.step_ms = [], []
        self.last_loss = float("nan")

    def step(self):
        x = self.x_host.to(self.device, non_blocking=True)
        y = self.y_host.to(self.device, non_blocking=True)
        self.opt.zero_grad(set_to_none=True)
        logits = self.model(x)
        loss = F.cross_entropy(logits, y)
        loss.backward()
        self.opt.step()
        with torch.no_grad():
            self.correct += (logits.argmax(1) == y).sum()
        return loss

    def timed_step(self):
        sync(self.device)
        t0 = time.perf_counter()
        loss = self.step()
        sync(self.device)
        ms = (time.perf_counter() - t0) * 1000.0
        self.last_loss = float(loss.detach())  # after the timing: this read-back would sync again
        return ms


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def memory(device):
    return torch.cuda.memory_allocated(device) if device.type == "cuda" else None


def pipelined_images_per_second(case, steps):
    """Steps queued back to back, one synchronisation at the end."""
    sync(case.device)
    t0 = time.perf_counter()
    for _ in range(steps):
        case.step()
    sync(case.device)
    return case.batch * steps / (time.perf_counter() - t0)


def finite(x):
    """NaN / inf as null: JSON has no NaN, and our tools parse with JSON.parse."""
    return x if x is None or math.isfinite(x) else None


def parse_list(s, cast):
    return [cast(v) for v in s.split(",") if v.strip()]


def main(argv=None):
    ap = argparse.ArgumentParser(description="PyTorch reference of the BN-only training step (one JSON line per case).")
    ap.add_argument("--depth", default="14", help="depths 6N+2, comma-separated (14)")
    ap.add_argument("--width", type=int, default=16, help="first-stage width (16)")
    ap.add_argument("--mode", default="bn", help="bn and/or all, comma-separated (bn)")
    ap.add_argument("--batch", default="128", help="batch sizes, comma-separated (128)")
    ap.add_argument("--steps", type=int, default=50, help="timed steps per case (50)")
    ap.add_argument("--warmup", type=int, default=5, help="warm-up steps, cudnn autotuning included (5)")
    ap.add_argument("--device", default="auto", help="auto, cuda, cuda:N or cpu (auto: cuda when available)")
    ap.add_argument("--tf32", choices=["on", "off"], default="on",
                    help="TF32 convolutions on Ampere+ GPUs (on: PyTorch's default; off: full fp32 like tfjs)")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    if a.steps < 1 or a.warmup < 1:
        ap.error("--steps and --warmup must be at least 1 (got %d, %d)" % (a.steps, a.warmup))

    if a.device == "auto":
        device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    else:
        device = torch.device(a.device)
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True
        torch.backends.cudnn.allow_tf32 = a.tf32 == "on"
        torch.backends.cuda.matmul.allow_tf32 = a.tf32 == "on"
        device_name = torch.cuda.get_device_name(device)
    else:
        device_name = platform.processor() or platform.machine()

    cases = [Case(d, a.width, m, b, device, a.seed)
             for d in parse_list(a.depth, int) for b in parse_list(a.batch, int) for m in parse_list(a.mode, str)]
    before = {id(c): memory(device) for c in cases}
    for c in cases:  # warm-up one case after the other (cudnn.benchmark tunes each shape once)
        for _ in range(a.warmup):
            c.warmup_ms.append(c.timed_step())
    for _ in range(a.steps):  # timed steps round-robin, so a drifting machine slows every case alike
        for c in cases:
            c.step_ms.append(c.timed_step())
    for c in cases:
        med = statistics.median(c.step_ms)
        row = {
            "tool": "pytorch-reference",
            "backend": device.type,
            "model": "ResNet-%d" % c.depth + ("" if c.width == 16 else " (W=%d)" % c.width),
            "depth": c.depth, "width": c.width, "mode": c.mode, "batch": c.batch,
            "steps": len(c.step_ms),
            "imagesPerSecond": c.batch * 1000.0 / med,
            "medianStepMs": med, "minStepMs": min(c.step_ms), "maxStepMs": max(c.step_ms),
            "firstStepMs": c.warmup_ms[0] if c.warmup_ms else None,
            "tensorsBefore": None, "tensorsAfter": None,
            "bytesBefore": before[id(c)], "bytesAfter": memory(device),
            "lastLoss": finite(c.last_loss),
            "imagesPerSecondPipelined": pipelined_images_per_second(c, a.steps),
            "trainableParams": c.trainable_params, "bnParams": c.bn_params, "totalParams": c.total_params,
            "device": device_name, "torch": torch.__version__,
            "cudnn": torch.backends.cudnn.version() if device.type == "cuda" else None,
            "tf32": device.type == "cuda" and a.tf32 == "on",
            "note": "synchronised per step; bytes = torch.cuda.memory_allocated (all cases)" if device.type == "cuda"
                    else "CPU: %d threads" % torch.get_num_threads(),
        }
        print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
