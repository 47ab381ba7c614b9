//! Where things are kept: the OS keychain, the recovery file, non-secret records and the ceremony log.
