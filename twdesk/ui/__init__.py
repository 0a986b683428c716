"""The Qt layer: thin widgets over the same services the command line uses."""
