package dev.corral.sandbox.values;

/**
 * A Component Model value as seen by the host. Each variant mirrors a {@link
 * dev.corral.sandbox.types.ValType}; the type gives names (of fields, cases, flags) meaning.
 */
public sealed interface Value
    permits BoolValue,
        IntValue,
        F32Value,
        F64Value,
        CharValue,
        StringValue,
        ListValue,
        RecordValue,
        TupleValue,
        VariantValue,
        EnumValue,
        OptionValue,
        ResultValue,
        FlagsValue,
        HandleValue {}
