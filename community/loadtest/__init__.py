"""Synthetic communities at scale, for benchmarks: ``flask --app community generate-load-data``.

``plan`` decides the shapes (a few huge conditions and a long tail, threads of varied
depth, about one post in ten not approved), ``vocabulary`` supplies names and texts,
``writer`` stores it all with bulk inserts, and ``reference`` finds the pages the
benchmark measures.
"""
