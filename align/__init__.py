"""Aligners (roadmap item 3): Chinese and English documents -> sentence beads -> TMX.

Nothing is implemented here yet; the package exists so that the namespace layout
(``untm.align``) is fixed from the start. The shared building blocks it will use are
already in :mod:`untm.text` (clean-up, segmentation, normalization).
"""
