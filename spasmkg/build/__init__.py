"""Build orchestration: input files, the extraction cache, where extraction runs, and the build itself."""
