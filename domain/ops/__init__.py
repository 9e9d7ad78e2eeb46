"""Operations: processing and usage statistics, queue health, housekeeping runs."""
