// placeholder module file, replaced by the module's first real type
