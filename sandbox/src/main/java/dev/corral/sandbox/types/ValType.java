package dev.corral.sandbox.types;

/**
 * A Component Model value type, fully resolved: no type indices, only structure (and resource
 * identities for handles).
 */
public sealed interface ValType
    permits Primitive,
        ListType,
        RecordType,
        TupleType,
        VariantType,
        EnumType,
        OptionType,
        ResultType,
        FlagsType,
        OwnType,
        BorrowType {}
