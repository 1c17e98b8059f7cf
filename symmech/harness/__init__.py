"""The test harness: mutation of claims, models and hints, and hypothesis strategies for adversarial
claims."""
