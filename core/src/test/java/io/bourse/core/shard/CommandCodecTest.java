package io.bourse.core.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.codec.MalformedInputException;
import io.bourse.core.order.EndReason;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.RejectReason;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandCodecTest {

    @Test
    void everyCommandSurvivesTheRoundTrip() {
        List<Command> commands = List.of(
                new Command.DefineInstrument(Orders.ACME, 3),
                new Command.SetReferencePrice(1, 12_345),
                new Command.AssignSlots(0, 511, 2),
                new Command.EndTradingDay(),
                new Command.EndTradingDay(20_430),
                new Command.Deposit(7, 99, 0, 1_000),
                new Command.Withdraw(7, 100, 1, 5),
                new Command.PlaceOrder(7, "client-1", 1, Side.SELL, OrderType.STOP_LIMIT, TimeInForce.DAY, 101_00, 100_00, 10, false),
                new Command.PlaceOrder(7, "é", 1, Side.BUY, OrderType.LIMIT, TimeInForce.GOOD_TILL_CANCELED, 1, 0, 1, true),
                new Command.CancelOrder(7, 42),
                new Command.AmendOrder(7, 42, 99_00, 3),
                new Command.AmendOrder(7, 42, Command.AmendOrder.KEEP, 3),
                new Command.AmendOrder(7, 42, 99_00, Command.AmendOrder.KEEP),
                new Command.Deliver(2, 17, new Message.OrderFilled(42, 8, 100, 3, true)),
                new Command.Deliver(2, 18, new Message.OrderEnded(42, EndReason.DAY_ENDED)),
                new Command.Deliver(2, 19, new Message.SubmitOrder(42, 7, 1, Side.BUY, OrderType.MARKET, TimeInForce.FILL_OR_KILL, 105, 0, 3, false)),
                new Command.AcknowledgeDelivery(3, 18),
                new Command.RevokeCredential(7, 5),
                new Command.ChangePassword(7, "pbkdf2$1$salt$hash", 5));
        BinaryWriter out = new BinaryWriter(16);
        commands.forEach(command -> CommandCodec.write(out, command));
        BinaryReader in = new BinaryReader(out.toByteArray());
        for (Command command : commands) {
            assertThat(CommandCodec.read(in)).isEqualTo(command);
        }
        assertThat(in.atEnd()).isTrue();
    }

    @Test
    void anAmendmentInTheOldFormNeverKeepsAnything() {
        // Tag 9 as releases before KEEP wrote it, with Long.MIN_VALUE (then simply an invalid price).
        BinaryWriter old = new BinaryWriter(33).writeByte(9).writeLong(7).writeLong(42).writeLong(Long.MIN_VALUE).writeLong(3);
        Command read = CommandCodec.read(new BinaryReader(old.toByteArray()));
        assertThat(read).isEqualTo(new Command.AmendOrder(7, 42, -1, 3));
        // An amendment that names both is still written in the old form, which older releases read.
        assertThat(CommandCodec.encode(new Command.AmendOrder(7, 42, 99_00, 3))[0]).isEqualTo((byte) 9);
        assertThat(CommandCodec.encode(new Command.AmendOrder(7, 42, Command.AmendOrder.KEEP, 3))[0]).isEqualTo((byte) 18);
    }

    @Test
    void resultsSurviveTheRoundTrip() {
        for (CommandResult result : List.of(CommandResult.accepted(5), CommandResult.duplicate(6),
                CommandResult.rejected(RejectReason.OVERLOADED), CommandResult.ACCEPTED)) {
            BinaryWriter out = new BinaryWriter(16);
            CommandCodec.writeResult(out, result);
            assertThat(CommandCodec.readResult(new BinaryReader(out.toByteArray()))).isEqualTo(result);
        }
    }

    @Test
    void garbageIsRefusedClearly() {
        assertThatThrownBy(() -> CommandCodec.read(new BinaryReader(new byte[] {99}))).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("unknown command tag 99");
        assertThatThrownBy(() -> CommandCodec.read(new BinaryReader(new byte[] {5, 0, 0}))).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("truncated");
    }
}
