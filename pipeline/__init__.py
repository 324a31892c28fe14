"""Information extraction from French defence-diplomacy communiqués."""
